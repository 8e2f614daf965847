//! The ordered parallel pipeline: a reader thread turns inputs into jobs, a
//! rayon pool runs them, and the caller's thread writes the results in input
//! order. At most `window` jobs are read ahead of the last one written, so
//! memory stays bounded whatever the input's size; the writer flushes
//! whenever it has written everything that is ready, so output streams.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};

/// What the writer tells the pipeline after each result.
pub enum Next {
    /// Go on.
    Go,
    /// Stop reading and drop what is still running.
    Stop,
}

/// The gate that keeps the reader at most `window` jobs ahead of the writer.
struct Gate {
    written: Mutex<u64>,
    moved: Condvar,
    stop: AtomicBool,
}

/// Runs `work` over the jobs that `read` sends (with `send`), on `threads`
/// threads, and hands each result to `write` in input order. `flush` is
/// called whenever no further result is ready. Returns when every job is
/// written or `write` said stop.
pub fn run<J, R, E>(
    threads: usize,
    read: impl FnOnce(&mut dyn FnMut(J) -> bool) + Send + 'static,
    work: impl Fn(J) -> R + Send + Sync + 'static,
    mut write: impl FnMut(R) -> Result<Next, E>,
    mut flush: impl FnMut() -> Result<(), E>,
) -> Result<(), E>
where
    J: Send + 'static,
    R: Send + 'static,
{
    let threads = threads.max(1);
    let window = (threads * 8 + 8) as u64;
    let gate = Arc::new(Gate { written: Mutex::new(0), moved: Condvar::new(), stop: AtomicBool::new(false) });
    let (tx, rx) = mpsc::channel::<(u64, R)>();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).thread_name(|i| format!("gazette-{}", i)).build();
    let reader_gate = gate.clone();
    let work = Arc::new(work);
    // The reader: not a scoped thread, so that a reader blocked on a pipe
    // that never closes cannot keep the program from ending.
    std::thread::Builder::new()
        .name("gazette-reader".into())
        .spawn(move || {
            let gate = reader_gate;
            let mut seq = 0u64;
            let run_job = |job: J, seq: u64, tx: mpsc::Sender<(u64, R)>, work: Arc<dyn Fn(J) -> R + Send + Sync>| {
                let r = work(job);
                let _ = tx.send((seq, r));
            };
            let pool = pool.ok();
            let mut send = |job: J| -> bool {
                // Wait until the writer is close enough behind.
                let mut written = gate.written.lock().unwrap_or_else(|p| p.into_inner());
                while seq >= *written + window && !gate.stop.load(Ordering::Relaxed) {
                    written = gate.moved.wait(written).unwrap_or_else(|p| p.into_inner());
                }
                drop(written);
                if gate.stop.load(Ordering::Relaxed) {
                    return false;
                }
                let (tx, w, s) = (tx.clone(), work.clone() as Arc<dyn Fn(J) -> R + Send + Sync>, seq);
                match &pool {
                    Some(p) => p.spawn(move || run_job(job, s, tx, w)),
                    None => run_job(job, s, tx, w),
                }
                seq += 1;
                true
            };
            read(&mut send);
            // `tx` drops here; the channel closes when the last job is done.
        })
        .ok();
    let mut next = 0u64;
    let mut ready: BTreeMap<u64, R> = BTreeMap::new();
    let stop = |gate: &Gate| {
        gate.stop.store(true, Ordering::Relaxed);
        gate.moved.notify_all();
    };
    loop {
        let (seq, r) = match rx.recv() {
            Ok(x) => x,
            Err(_) => break, // every job done and written
        };
        ready.insert(seq, r);
        loop {
            while let Some(r) = ready.remove(&next) {
                next += 1;
                match write(r) {
                    Ok(Next::Go) => {}
                    Ok(Next::Stop) => {
                        stop(&gate);
                        return flush();
                    }
                    Err(e) => {
                        stop(&gate);
                        return Err(e);
                    }
                }
                *gate.written.lock().unwrap_or_else(|p| p.into_inner()) = next;
                gate.moved.notify_all();
            }
            match rx.try_recv() {
                Ok((seq, r)) => {
                    ready.insert(seq, r);
                }
                Err(_) => break,
            }
        }
        if let Err(e) = flush() {
            stop(&gate);
            return Err(e);
        }
    }
    flush()
}
