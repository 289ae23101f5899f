#!/usr/bin/env python3
"""Checks that every example in docs/编辑指南.md and docs/常见错误.md still works, and
that every program transcript in them is what the program prints today.

    python3 docs/check-guide.py [PATH/TO/minsheng]      # default: target/release/minsheng
    python3 docs/check-guide.py PATH --show=err-alt     # also print what case err-alt gives

The guide marks its examples with HTML comments just above a fenced block:
  <!-- file: NAME -->   a file the editor writes (the script writes it into a scratch site)
  <!-- out: NAME -->    a transcript; its lines must appear, in order and together, in what
                        the program prints for case NAME (timings, ports and the site's
                        folder are normalised; the folder is shown as D:\\民生\\我的网站)
Every transcript that no longer matches is printed with the program's output today, so
the guide is easy to update when the messages change (they are being translated).
Standard library only. Nothing outside a temporary folder is written."""
import os, re, shutil, socket, subprocess, sys, tempfile, time, zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
GUIDES = [os.path.join(HERE, n) for n in ('编辑指南.md', '常见错误.md')]
ARGS = [a for a in sys.argv[1:] if not a.startswith('--show=')]
SHOW = [a[len('--show='):] for a in sys.argv[1:] if a.startswith('--show=')]
BIN = os.path.abspath(ARGS[0] if ARGS else os.path.join(HERE, '..', 'target', 'release', 'minsheng'))
WIN = 'D:\\民生\\我的网站'

def blocks(text):
    """{kind: {name: body}} for every marked fenced block."""
    out = {'file': {}, 'out': {}}
    pat = re.compile(r'<!-- (file|out): (.+?) -->\n[ ]*(`{3,})[^\n]*\n(.*?)\n[ ]*\3\n', re.S)
    for kind, name, _, body in pat.findall(text):
        indent = re.match(r' *', body).group(0)
        body = '\n'.join(l[len(indent):] if l.startswith(indent) else l for l in body.split('\n'))
        out[kind][name] = body + '\n'
    return out

def run(site, *args, timeout=60):
    p = subprocess.run([BIN, *args], cwd=site, capture_output=True, timeout=timeout)
    return norm((p.stdout + p.stderr).decode('utf-8'), site), p.returncode

def norm(s, site=None):
    if site:
        s = s.replace(os.path.join(site, 'public'), WIN + '\\public').replace(site, WIN)
    s = re.sub(r'用时 \d+ 毫秒', '用时 N 毫秒', s)
    s = re.sub(r'127\.0\.0\.1:\d+', '127.0.0.1:PORT', s)
    return re.sub(r'端口 \d+', '端口 PORT', s)

def write(path, text, encoding='utf-8', crlf=False):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if crlf:
        text = text.replace('\n', '\r\n')
    with open(path, 'wb') as f:
        f.write(text.encode(encoding))

def edit(path, old, new):
    s = open(path, encoding='utf-8').read()
    assert old in s, f'{old!r} not in {path}'
    write(path, s.replace(old, new, 1))

def append(path, text):
    write(path, open(path, encoding='utf-8').read() + text)

def xlsx(csv_text, path, sheet):
    """A one-sheet workbook of the CSV's cells (numbers as numbers)."""
    def col(i):
        s, i = '', i + 1
        while i:
            i, r = divmod(i - 1, 26)
            s = chr(65 + r) + s
        return s
    def cell(ref, v):
        if v == '':
            return ''
        try:
            float(v)
            return f'<c r="{ref}"><v>{v}</v></c>'
        except ValueError:
            return f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
    rows = [l.split(',') for l in csv_text.splitlines()]
    data = ''.join(f'<row r="{r}">' + ''.join(cell(f'{col(c)}{r}', v) for c, v in enumerate(cs))
                   + '</row>' for r, cs in enumerate(rows, 1))
    ns = 'http://schemas.openxmlformats.org/'
    rel = ns + 'officeDocument/2006/relationships'
    files = {
        '[Content_Types].xml': f'<Types xmlns="{ns}package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        '_rels/.rels': f'<Relationships xmlns="{ns}package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        'xl/workbook.xml': f'<workbook xmlns="{ns}spreadsheetml/2006/main" xmlns:r="{rel}"><sheets><sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        'xl/_rels/workbook.xml.rels': f'<Relationships xmlns="{ns}package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        'xl/worksheets/sheet1.xml': f'<worksheet xmlns="{ns}spreadsheetml/2006/main"><sheetData>{data}</sheetData></worksheet>',
    }
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, body in files.items():
            z.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + body)

def serve_output(site, port):
    """`serve` on a port, left running for a few seconds; read its output after terminate()."""
    p = subprocess.Popen([BIN, 'serve', '--port', str(port)], cwd=site,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    time.sleep(3)
    return p

class Guide:
    def __init__(self, tmp):
        self.tmp, self.b = tmp, blocks(''.join(open(p, encoding='utf-8').read() for p in GUIDES))
        self.actual, self.failures = {}, []

    def site(self, name):
        """A fresh copy of the walk-through site (sections 二 to 六, 办法一)."""
        dst = os.path.join(self.tmp, name)
        shutil.copytree(os.path.join(self.tmp, 'base', '我的网站'), dst)
        return dst

    def out(self, name, text):
        self.actual[name] = text
        want = self.b['out'].get(name)
        if want is None:
            return
        w, a = norm(want).rstrip('\n').split('\n'), text.rstrip('\n').split('\n')
        if not any(a[i:i + len(w)] == w for i in range(len(a) - len(w) + 1)):
            self.failures.append(name)

    def expect(self, cond, what):
        if not cond:
            self.failures.append(what)

def main():
    if not os.access(BIN, os.X_OK):
        sys.exit(f'no program at {BIN}: pass the path of minsheng')
    tmp = tempfile.mkdtemp(prefix='minsheng-guide-')
    try:
        g = Guide(tmp)
        check_all(g)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for name in SHOW:
        print(f'--- {name}:')
        print(g.actual.get(name, '(no such case)'))
    if g.failures:
        for name in g.failures:
            print(f'--- {name}: the guide no longer matches. The program prints today:')
            print(g.actual.get(name, '(see the check of that name in check-guide.py)'))
        sys.exit(1)
    print(f'guide ok: {len(g.b["file"])} example files, {len(g.b["out"])} transcripts')

def check_all(g):
    f, base = g.b['file'], os.path.join(g.tmp, 'base')
    os.makedirs(base)
    g.out('new', run(base, 'new', '我的网站')[0])
    fresh = os.path.join(base, '我的网站')
    with socket.socket() as sock:  # a free port, taken by the first server, asked for by the second
        sock.bind(('127.0.0.1', 0))
        port = sock.getsockname()[1]
    p = serve_output(fresh, port)
    q = serve_output(fresh, port)
    for proc in (q, p):
        proc.terminate()
    g.out('serve', norm(p.communicate()[0].decode(), fresh))
    g.out('port', norm(q.communicate()[0].decode(), fresh))
    v, _ = run(fresh, '--version')
    g.expect(v.startswith('minsheng '), '--version')

    # The walk-through: 二 site.toml districts, 四 report, 五 guide, 六 indicator (办法一), glossary.
    edit(os.path.join(fresh, 'site.toml'), 'theme = "default"\n', 'theme = "default"\n' + f['site-districts'])
    for name in ('content/reports/2024-03-20-tijian.md', 'content/services/laoren-tijian.md',
                 'content/indicators/laoren-tijian.yaml', 'content/glossary.yaml'):
        write(os.path.join(fresh, name), f[name])
    s = g.site('a')
    text, code = run(s, 'build')
    g.out('build', text)
    if code != 0:
        g.actual['the walk-through site builds'] = text
        g.failures.append('the walk-through site builds')
        return
    g.out('check', run(s, 'check')[0])
    page = open(os.path.join(s, 'public/reports/tijian/index.html'), encoding='utf-8').read()
    g.expect('示例数据' in page and '<svg' in page, 'report page shows the chart and 示例数据')
    g.expect(os.path.exists(os.path.join(s, 'public/services/laoren-tijian/index.html')), 'guide page')
    errors_only(g)
    data_files(g, f)
    pictures(g, f)

def errors_only(g):
    R, G, I = 'content/reports/2024-03-20-tijian.md', 'content/services/laoren-tijian.md', 'content/indicators/laoren-tijian.yaml'
    cases = [  # name, file, old, new (None: append), command
        ('err-colon', R, 'title: ', 'title：', 'build'),
        ('err-date', R, 'date: 2024-03-20', 'date: 2024-13-20', 'build'),
        ('err-key', R, 'summary:', 'sumary:', 'build'),
        ('err-link', R, '../services/laoren-tijian.md', '../services/tijian.md', 'build'),
        ('err-js', R, None, '\n[点这里](javascript:alert(1))\n', 'build'),
        ('err-html', R, None, '\n<font color=red>重要通知</font>\n', 'build'),
        ('err-image', R, None, '\n![体检现场，医生在给老人量血压](/images/xianchang.jpg)\n', 'check'),
        ('err-alt', R, None, '\n![](/images/xianchang.jpg)\n', 'check'),
        ('err-draft', R, 'date: 2024-03-20', 'draft: 是\ndate: 2024-03-20', 'build'),
        ('err-number', I, '  2023: 31.5', '  2023: 31.5万', 'build'),
        ('err-district', I, '  润州区: 3.9', '  润洲区: 3.9', 'build'),
        ('build-failed', R, 'title: ', 'title：', 'build'),
        ('check-review', R, None, '\n我们要切实做好老年人健康服务工作，确保全市所有符合条件的老年人都能够在住所附近的社区卫生服务中心方便快捷地享受到免费的健康体检服务以及后续的健康管理和慢性病随访服务。\n', 'check'),
        ('cost-colon', G, 'cost: 免费', 'cost：免费', 'build', '用了全角冒号“：”'),
        ('list', G, 'audiences: [老年人]', 'audiences: 老年人、残疾人', 'build', '生成完毕'),
        ('list-dun', G, 'audiences: [老年人]', 'audiences: [老年人、残疾人]', 'build', '生成完毕'),
        ('tab', G, '  - 身份证', '\t- 身份证', 'build', '有一个制表符（Tab 键打出的空白）'),
        ('how', G, 'how_to_apply:', 'how_to_applyy:', 'build', '这篇办事指南没有写怎么申请（how_to_apply:）'),
        ('districts-place', 'site.toml', None, 'districts = ["京口区"]\n', 'build', '“districts”是整个网站的设置，写在了 [contact] 这一组下面'),
        ('url-link', R, None, '\n见[体检](/services/tijian/)。\n', 'check', '指向的文件网站里没有'),
        ('err-wiki', R, None, '\n见[[65岁以上老年人免费健康体检]]。\n', 'build'),
    ]
    for name, path, old, new, cmd, *want in cases:
        s = g.site(name)
        if old is None:
            append(os.path.join(s, path), new)
        else:
            edit(os.path.join(s, path), old, new)
        if name == 'err-alt':  # the picture is there; only its words are missing
            write(os.path.join(s, 'static/images/xianchang.jpg'), 'x')
        if name == 'build-failed':
            run(s, 'build')
            before = snapshot(s)
            text, code = run(s, 'build')
            g.expect(code == 1 and snapshot(s) == before, 'a failed build leaves public/ as it was')
        else:
            text, code = run(s, cmd)
        g.out(name, text)
        if name == 'err-draft':  # draft: 是 is a draft too
            g.expect(code == 0 and not os.path.exists(os.path.join(s, 'public/reports/tijian')), 'draft: 是 is not published')
        if want:
            g.actual[name] = text
            g.expect(want[0] in text, name)
    s = g.site('gbk')
    src = os.path.join(s, R)
    write(src, open(src, encoding='utf-8').read(), encoding='gbk')
    g.expect('这个文件不是 UTF-8 编码' in run(s, 'build')[0], 'gbk')
    s = g.site('txt')
    os.rename(os.path.join(s, R), os.path.join(s, R + '.txt'))
    text, code = run(s, 'build')
    g.expect(code == 0 and not os.path.exists(os.path.join(s, 'public/reports/tijian')), '.md.txt is left out')
    empty = os.path.join(g.tmp, 'empty')
    os.makedirs(empty)
    g.expect('. 里没有 site.toml' in run(empty, 'build')[0], 'no site.toml')
    g.expect('命令“new\u3000我的网站”里有一个全角空格' in run(empty, 'new\u3000我的网站')[0], 'full-width space')
    g.expect('没有“biuld”这个命令。是不是想写 build？' in run(empty, 'biuld')[0], 'misspelt command')
    s = g.site('draft')
    edit(os.path.join(s, R), 'date: 2024-03-20', 'draft: true\ndate: 2024-03-20')
    run(s, 'build')
    g.expect(not os.path.exists(os.path.join(s, 'public/reports/tijian')), 'a draft is not published')
    g.expect('找不到这个页面' in open(os.path.join(s, 'public/404.html'), encoding='utf-8').read(), '404 text')
    # Only changed files get a new time: build, wait, change one page, build again.
    s = g.site('times')
    run(s, 'build')
    before = snapshot(s)
    time.sleep(1.1)
    append(os.path.join(s, R), '\n再加一句。\n')
    run(s, 'build')
    after = snapshot(s)
    changed = {k for k in after if before.get(k) != after[k]}
    g.expect('public/reports/tijian/index.html' in changed and 'public/index.html' not in changed
             and len(changed) < 5, f'only changed files get new times (changed: {sorted(changed)})')

def snapshot(site):
    out = {}
    for root, _, files in os.walk(os.path.join(site, 'public')):
        for n in files:
            p = os.path.join(root, n)
            out[os.path.relpath(p, site)] = os.stat(p).st_mtime_ns
    return out

def data_files(g, f):
    """办法二: the statistics bureau's CSV (GBK, CRLF) and the same table as an Excel workbook."""
    csv, yaml = f['content/indicators/laoren-tijian.csv'], f['content/indicators/laoren-tijian.yaml (csv)']
    pages = {}
    for kind in ('csv', 'xlsx', 'sheet'):
        s = g.site('data-' + kind)
        ind = os.path.join(s, 'content/indicators')
        write(os.path.join(ind, 'laoren-tijian.yaml'), yaml if kind != 'sheet' else
              yaml.replace('csv: {city: 全市}', 'csv: {sheet: 整理, city: 全市}'))
        if kind == 'csv':
            write(os.path.join(ind, 'laoren-tijian.csv'), csv, encoding='gbk', crlf=True)
        else:
            xlsx(csv, os.path.join(ind, 'laoren-tijian.xlsx'), '整理' if kind == 'sheet' else 'Sheet1')
        text, code = run(s, 'build')
        g.actual['data-' + kind] = text
        g.expect(code == 0, 'data-' + kind)
        if code == 0:
            pages[kind] = open(os.path.join(s, 'public/indicators/laoren-tijian/index.html'), encoding='utf-8').read()
    page = pages.get('csv', '')
    for want in ('31.5', '万人', '示例数据', '数据来源', '市统计局（示例）', '本表数字都是示例数据', '丹阳市'):
        g.expect(want in page, f'the CSV indicator page shows {want}')
    g.expect(pages.get('xlsx') == page and pages.get('sheet') == page, 'the workbook gives the same page as the CSV')
    s = g.site('data-both')
    ind = os.path.join(s, 'content/indicators')
    write(os.path.join(ind, 'laoren-tijian.yaml'), yaml)
    write(os.path.join(ind, 'laoren-tijian.csv'), csv, encoding='gbk')
    xlsx(csv, os.path.join(ind, 'laoren-tijian.xlsx'), 'Sheet1')
    g.expect('已经有一个数据文件了' in run(s, 'build')[0], 'csv and xlsx together')
    s = g.site('data-dash')
    write(os.path.join(s, 'content/indicators/laoren-tijian.yaml'), yaml)
    write(os.path.join(s, 'content/indicators/laoren-tijian.csv'), csv.replace('丹徒区,3.4', '丹徒区,3.4万'), encoding='gbk')
    g.expect('“3.4万”不是数字' in run(s, 'build')[0], 'csv non-number')

def pictures(g, f):
    s = g.site('pictures')
    for p in ('static/images/xianchang.jpg', 'static/files/shenqing.pdf'):
        write(os.path.join(s, p), 'x')
    append(os.path.join(s, 'content/reports/2024-03-20-tijian.md'), '\n' + f['static-example'])
    text, code = run(s, 'check')
    g.actual['pictures'] = text
    g.expect(code == 0 and '0 处错误' in text, 'pictures')

if __name__ == '__main__':
    main()
