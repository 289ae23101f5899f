//! The global allocator: the system's (glibc's) for a one-shot run, mimalloc
//! once [`for_edits`] is called (`serve`, from its start).
//!
//! Each suits one of the two ways minsheng runs. A server that rebuilds after
//! every save frees and allocates most of a build again each time, from two
//! threads: with glibc a third of a rebuild went to malloc, free and page faults
//! of memory given back and taken again, and mimalloc halved a body edit (README,
//! Performance). A one-shot build allocates its site once and exits: there
//! mimalloc's pages held a quarter more memory than glibc's (10,000 pages: peak
//! 305 against 231 MiB), and on a virtual machine fresh memory costs about a
//! millisecond a megabyte to clear, which cost more than mimalloc's faster calls
//! saved (wall 0.95× with glibc, eleven interleaved pairs).
//!
//! Memory is freed by whichever allocator gave it: once mimalloc is in use, a
//! free asks mimalloc whether the block is its own (a lookup in its page map).
//! Before that nothing can be mimalloc's, so a one-shot run never asks.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, Ordering};

use mimalloc::MiMalloc;

/// Whether new memory comes from mimalloc. Set once, never cleared: a block
/// is mimalloc's only if it was allocated after this was set, so whoever frees
/// it (after receiving it, hence after that allocation) sees it set too.
static EDITS: AtomicBool = AtomicBool::new(false);

/// From now on, memory comes from mimalloc (for a server that rebuilds on
/// every edit). Memory allocated before is still freed by the system's.
pub fn for_edits() {
    EDITS.store(true, Ordering::Relaxed);
}

/// Sets the system's allocator (glibc) for runs that build once: every
/// command calls it first (`serve` then switches to mimalloc, see
/// [`for_edits`]). glibc grows each thread's heap a page or so at a time
/// (25,000 `mprotect` calls a 10,000-page build) and trims freed memory only
/// to fault it in again; here each heap grows 64 MiB at a time (a reservation:
/// no memory until touched) and is not trimmed. Setting these turns off
/// glibc's self-adjusting mmap threshold, which would leave every block of
/// 128 KiB or more to be mapped and unmapped on its own: blocks below 32 MiB
/// stay in the heaps.
pub fn for_one_run() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets three of glibc's allocator parameters.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, i32::MAX);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
    }
}

/// The allocator of the whole program (see the module's documentation).
pub(crate) struct Alloc;

impl Alloc {
    /// Whether `ptr` was allocated by mimalloc: a lookup in its page map,
    /// exact for any address (mimalloc 3.3, libmimalloc-sys 0.1.49, whose
    /// header lists the call under "deprecated": an update must keep it
    /// exact; the test below checks both answers).
    fn mimalloc_owns(ptr: *mut u8) -> bool {
        // SAFETY: the lookup only reads mimalloc's page map, for any address.
        EDITS.load(Ordering::Relaxed)
            && unsafe { libmimalloc_sys::mi_is_in_heap_region(ptr.cast()) }
    }
}

// SAFETY: each call goes to one of two allocators that uphold `GlobalAlloc`;
// a block is freed or resized by the one that allocated it (`mimalloc_owns`).
unsafe impl GlobalAlloc for Alloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if EDITS.load(Ordering::Relaxed) {
            MiMalloc.alloc(layout)
        } else {
            System.alloc(layout)
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if EDITS.load(Ordering::Relaxed) {
            MiMalloc.alloc_zeroed(layout)
        } else {
            System.alloc_zeroed(layout)
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if Self::mimalloc_owns(ptr) {
            MiMalloc.dealloc(ptr, layout)
        } else {
            System.dealloc(ptr, layout)
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if Self::mimalloc_owns(ptr) {
            MiMalloc.realloc(ptr, layout, new_size)
        } else {
            System.realloc(ptr, layout, new_size)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_of_either_allocator_are_freed_and_grown_by_their_own() {
        // This switches the whole test binary to mimalloc, as `serve` does:
        // the tests that run after it then run with blocks of both.
        let layout = Layout::from_size_align(100, 8).unwrap();
        let big = Layout::from_size_align(10_000, 8).unwrap();
        // SAFETY: both layouts have a non-zero size.
        let (sys, mi) = unsafe { (System.alloc(layout), MiMalloc.alloc(layout)) };
        assert!(!sys.is_null() && !mi.is_null());
        // The program's own, made by the system's allocator (unless an
        // earlier test already switched), grown and freed after the switch.
        let mut before: Vec<u64> = (0..1000).collect();
        for_edits();
        assert!(Alloc::mimalloc_owns(mi));
        assert!(!Alloc::mimalloc_owns(sys));
        before.extend(0..100_000);
        let after: Vec<u64> = before.iter().map(|x| x * 2).collect();
        assert_eq!(after.len(), 101_000);
        drop(before);
        // SAFETY: each block is resized and freed once, with its layout.
        unsafe {
            let sys = Alloc.realloc(sys, layout, big.size());
            let mi = Alloc.realloc(mi, layout, big.size());
            assert!(!sys.is_null() && !mi.is_null());
            assert!(!Alloc::mimalloc_owns(sys) && Alloc::mimalloc_owns(mi));
            Alloc.dealloc(sys, big);
            Alloc.dealloc(mi, big);
        }
    }
}
