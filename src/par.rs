//! Work shared among the cores while an extractor is built: the lists are
//! read and the automata built on scoped threads of the standard library
//! (the `parallel` feature's rayon is for extraction, and optional).

use std::cmp::Reverse;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// `f` of every item, in the items' order, computed on as many threads as
/// there are cores (and items). The items are taken largest `cost` first,
/// so that the longest job does not start last.
///
/// A panic in `f` is raised again on the caller's thread.
pub(crate) fn map<I, R, F, C>(items: Vec<I>, cost: C, f: F) -> Vec<R>
where
    I: Send,
    R: Send,
    F: Fn(I) -> R + Sync,
    C: Fn(&I) -> usize,
{
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| Reverse(items.get(i).map_or(0, &cost)));
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, items.len().max(1));
    let slots: Vec<Mutex<Option<I>>> = items.into_iter().map(|i| Mutex::new(Some(i))).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
            let item = slots.get(i).and_then(|s| s.lock().ok()).and_then(|mut s| s.take());
            if let Some(item) = item {
                done.push((i, f(item)));
            }
        }
        done
    };
    let mut done = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for h in others {
            match h.join() {
                Ok(d) => done.extend(d),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        done
    });
    done.sort_by_key(|d| d.0);
    done.into_iter().map(|d| d.1).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_order_of_the_items() {
        let items: Vec<usize> = (0..50).map(|i| (i * 7) % 13).collect();
        let want: Vec<usize> = items.iter().map(|i| i * 2).collect();
        assert_eq!(super::map(items, |&i| i, |i| i * 2), want);
        assert_eq!(super::map(Vec::<u8>::new(), |_| 0, |i| i), Vec::<u8>::new());
    }
}
