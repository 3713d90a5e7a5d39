import CityNetModel
import CityNetNormalize
import Foundation

/// Normalises one source's records on a thread of its own while the calling thread reads the file.
///
/// The reader puts records into a ``CityNetModel/RecordBatch`` and hands full batches over with ``submit(_:)``;
/// the worker normalises them in order into its dataset and hands the emptied batches back for reuse, and the
/// windows of the file they kept to the reader to let go of. At most ``capacity`` batches wait, so memory stays
/// bounded whichever side is faster. ``finish()`` waits for the last batch and gives the normaliser and the dataset
/// back.
final class NormalizeWorker: @unchecked Sendable {
    /// Records per batch: large enough that handing over costs nothing per record, small enough to stay in cache.
    static let recordsPerBatch = 1024
    /// Bytes of values per batch, for records with long values.
    static let bytesPerBatch = 1 << 17
    /// Batches that may wait: enough to keep the normaliser busy while the reader maps, hashes and checks its next
    /// window of 4 MiB, about 3 ms in which it hands nothing over. Eight batches are about 2.7 ms of the
    /// normaliser's work: it ran dry at each window, and the 200 MB benchmark took 5 % longer than with 24.
    private static let capacity = 24

    private let condition = NSCondition()
    private var pending: [RecordBatch] = []
    private var spare: [RecordBatch] = []
    /// The owners of bytes that normalised batches borrowed (mapped windows of the file): the reader lets go of
    /// them, so that unmapping a window takes none of the normaliser's time.
    private var released: [RecordBytesOwner] = []
    private var closed = false
    private var done = false
    private var normalizer: SourceNormalizer?
    private var dataset: Dataset?
    /// The records to keep room for before the next batch is normalised.
    private var reservation: Int?
    /// What the worker does for the reader while no batch waits (hashing the file), if anything.
    private var idleWork: (@Sendable () -> Bool)?
    private let file: String
    private let pathCount: Int

    /// Starts a worker that owns `normalizer` and `dataset` until ``finish()``.
    init(normalizer: SourceNormalizer, dataset: consuming Dataset, file: String, pathCount: Int) {
        self.normalizer = normalizer
        self.dataset = dataset
        self.file = file
        self.pathCount = pathCount
        HelperThread.start(name: "citynet-normalize", priority: .normal) { [self] in run() }
    }

    /// The most records room is kept for up front: an estimate from a file's first lines can be far too high
    /// (short rows first, long ones after), and room for more than this many records could ask for more memory
    /// than the machine has; beyond it, the tables grow as they fill.
    static let mostRecordsReserved = 1 << 24

    /// Has the normaliser keep room for about `records` more records (an estimate, an eighth more is kept, at most
    /// ``mostRecordsReserved``), before it normalises the next batch.
    func reserveCapacity(forMoreRecords records: Int) {
        condition.lock()
        reservation = min(records + records / 8, Self.mostRecordsReserved)
        condition.unlock()
    }

    /// Gives the worker something to do for the reader while no batch waits: `work` returns whether there was any.
    func help(whileIdle work: (@Sendable () -> Bool)?) {
        condition.lock()
        idleWork = work
        condition.unlock()
    }

    /// An empty batch to fill: a returned one when there is one.
    func emptyBatch() -> RecordBatch {
        condition.lock()
        defer { condition.unlock() }
        return spare.popLast() ?? newBatch()
    }

    /// A new batch, full at ``recordsPerBatch`` records or ``bytesPerBatch`` bytes.
    private func newBatch() -> RecordBatch {
        RecordBatch(file: file, pathCount: pathCount, recordLimit: Self.recordsPerBatch, byteLimit: Self.bytesPerBatch)
    }

    /// Hands a batch over (waiting while ``capacity`` batches are already waiting) and replaces it with an empty one.
    func submit(_ batch: inout RecordBatch) {
        var releasing: [RecordBytesOwner] = []
        condition.lock()
        while pending.count >= Self.capacity { condition.wait() }
        pending.append(batch)
        condition.broadcast()
        batch = spare.popLast() ?? newBatch()
        swap(&releasing, &released)
        condition.unlock()
        // The owners are let go of here, on the reader's thread, outside the lock.
        releasing.removeAll()
    }

    /// Hands the last batch over, waits until every batch is normalised, and gives back the normaliser and the
    /// dataset.
    func finish(_ last: RecordBatch) -> (SourceNormalizer, Dataset) {
        condition.lock()
        if last.count > 0 { pending.append(last) }
        closed = true
        condition.broadcast()
        while !done { condition.wait() }
        defer {
            normalizer = nil
            dataset = nil
            condition.unlock()
        }
        guard let normalizer, let dataset else { preconditionFailure("the worker lost its dataset") }
        return (normalizer, dataset)
    }

    private func run() {
        condition.lock()
        guard var normalizer = normalizer.take(), var dataset = dataset.take() else {
            preconditionFailure("a worker started without its dataset")
        }
        condition.unlock()
        var scratch: [RawValue] = []
        var owners: [RecordBytesOwner] = []
        while true {
            condition.lock()
            while pending.isEmpty, !closed {
                if let work = idleWork {
                    condition.unlock()
                    let worked = work()
                    condition.lock()
                    if worked { continue }
                }
                condition.wait()
            }
            guard !pending.isEmpty else { break }
            var batch = pending.removeFirst()
            let reserving = reservation.take()
            condition.broadcast()
            condition.unlock()
            if let reserving { normalizer.reserveCapacity(forMoreRecords: reserving) }
            batch.forEach(scratch: &scratch) { normalizer.normalize($0, into: &dataset) }
            batch.removeAll(handingOwnersTo: &owners)
            condition.lock()
            spare.append(batch)
            released.append(contentsOf: owners)
            owners.removeAll(keepingCapacity: true)
            condition.unlock()
        }
        self.normalizer = normalizer
        self.dataset = dataset
        done = true
        condition.broadcast()
        condition.unlock()
    }
}
