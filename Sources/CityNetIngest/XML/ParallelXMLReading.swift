import CityNetModel
import Foundation

/// Where a large file of records under its root element can be cut, so that two parsers read it side by side.
///
/// A file qualifies when its records are the root's children (`/root/record`), it is at least two segments long,
/// and it is written in an encoding where `<` and names are ASCII. Every segment but the first starts at a
/// record's start tag, found by looking for `<record` in the bytes; each is parsed with the document's start (up
/// to the first record: prolog, DOCTYPE, the root's start tag with its namespaces) in front, so that a parser
/// knows everything a sequential one would at that point. A guess can be wrong — `<record` in a comment or a
/// CDATA section, or a record inside a record — and each parser checks where it stopped (see
/// ``SAXDriver/parseSegment(_:)``); a wrong guess sends the reading back to one parser.
struct SegmentPlan: Sendable {
    /// The size a segment aims at.
    static let segmentSize: Int64 = 4 << 20
    private static let longestPrefix = 1 << 20

    /// The document's start up to its first record.
    let prefix: [UInt8]
    /// libxml2's line at the end of ``prefix``.
    let prefixEndLine: Int
    /// Where each segment starts: the first at 0, the others at a record's `<`; the last runs to the end.
    let starts: [Int64]

    /// Plans the segments of a file, or returns `nil` when it is better read in one piece.
    init?(file: ByteFile, recordPath: XMLRecordPath, fields: [XMLFieldPath]) throws(IngestError) {
        guard !recordPath.anywhere, recordPath.names.count == 2 else { return nil }
        let size = file.size
        guard size >= 2 * Self.segmentSize else { return nil }
        var head: [UInt8] = []
        _ = try file.read(at: 0, appendingTo: &head, count: 512)
        guard Self.isASCIICompatible(head) else { return nil }
        let name = recordPath.names[1]
        guard let first = try Self.recordStart(in: file, name: name, from: 0, before: Int64(Self.longestPrefix)),
            first > 0
        else { return nil }
        var prefix: [UInt8] = []
        _ = try file.read(at: 0, appendingTo: &prefix, count: Int(first))
        // The prefix alone must leave a parser between records: only the root open, no record seen.
        let probe = SAXState(recordPath: recordPath, fields: fields, file: file.displayPath) { _ in }
        guard
            let end = try? SAXDriver(file: file, segment: XMLSegment(prefix: [], range: 0..<first)).parseSegment(
                probe),
            end.clean, probe.records == 0
        else { return nil }
        var starts: [Int64] = [0]
        var nominal = Self.segmentSize
        while nominal + Self.segmentSize / 2 < size,
            let start = try Self.recordStart(in: file, name: name, from: nominal, before: size)
        {
            starts.append(start)
            nominal = start + Self.segmentSize
        }
        guard starts.count > 1 else { return nil }
        self.prefix = prefix
        prefixEndLine = end.line
        self.starts = starts
    }

    /// The segment at `index`: the prefix (but for the first) and its bytes.
    private func segment(_ index: Int) -> XMLSegment {
        let end = index + 1 < starts.count ? starts[index + 1] : Int64.max
        return XMLSegment(prefix: index == 0 ? [] : prefix, range: starts[index]..<end)
    }

    /// Parses segment `index` of `file` into `consumer`: to the end of the file for the last segment (`nil`), else
    /// to the segment's end, saying how it ended.
    ///
    /// - Throws: ``IngestError/malformedXML(_:message:)`` with libxml2's first error in the segment.
    func parse(_ index: Int, of file: ByteFile, into consumer: some SAXConsumer) throws(IngestError) -> SegmentEnd? {
        let driver = SAXDriver(file: file, segment: segment(index))
        guard index + 1 < starts.count else {
            try driver.parse(consumer)
            return nil
        }
        return try driver.parseSegment(consumer)
    }

    /// Whether the file starts like one in UTF-8 or a single-byte encoding (by its declaration, if it has one).
    static func isASCIICompatible(_ head: [UInt8]) -> Bool {
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let first = bytes.first, first == UInt8(ascii: "<") || first == 0x20 || first == 0x0A || first == 0x0D
        else { return false }
        guard bytes.starts(with: Array("<?xml".utf8)) else { return true }
        let declaration = String(decoding: bytes.prefix { $0 != UInt8(ascii: ">") }, as: UTF8.self).lowercased()
        guard let range = declaration.range(of: "encoding") else { return true }
        let rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
        let encoding = String(rest.prefix { $0 != "\"" && $0 != "'" })
        return ["utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin1", "iso-8859-15", "windows-1252"]
            .contains(encoding)
    }

    /// The offset of the first `<name` followed by white space, `>` or `/`, at or after `from` and before `limit`.
    static func recordStart(in file: ByteFile, name: [UInt8], from: Int64, before limit: Int64) throws(IngestError)
        -> Int64?
    {
        let pattern = [UInt8(ascii: "<")] + name
        let window = 1 << 16
        var offset = from
        var bytes: [UInt8] = []
        while offset < limit {
            bytes.removeAll(keepingCapacity: true)
            let read = try file.read(at: offset, appendingTo: &bytes, count: window + pattern.count)
            guard read > pattern.count else { return nil }
            var index = 0
            while let found = bytes[index...].firstIndex(of: UInt8(ascii: "<")), found + pattern.count < read {
                if bytes[found..<found + pattern.count].elementsEqual(pattern) {
                    let next = bytes[found + pattern.count]
                    if next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D || next == UInt8(ascii: ">")
                        || next == UInt8(ascii: "/")
                    {
                        let start = offset + Int64(found)
                        return start < limit ? start : nil
                    }
                }
                index = found + 1
            }
            offset += Int64(window)
        }
        return nil
    }
}

/// Reads the segments of a ``SegmentPlan`` on two threads and hands the records over in document order.
///
/// This thread parses the even segments and hands their records over as it goes; a second thread parses the odd
/// ones into batches, at most one segment ahead, which this thread hands over in turn. Lines are those of the
/// file: each segment's are shifted by what the segments before it counted. Whatever is not plain — a cut that
/// did not fall between two records, a malformed segment — ends the parallel reading, and the caller reads the
/// file again in one piece, skipping the records already handed over, so errors and their lines are exactly
/// those of a sequential reading.
final class ParallelXMLReading {
    /// How a parallel reading ended.
    enum Outcome {
        /// Every record was handed over.
        case complete
        /// Read the file in one piece, skipping the records already handed over.
        case fallBack(delivered: Int)
    }

    private let plan: SegmentPlan
    private let path: String
    private let file: ByteFile
    private let recordPath: XMLRecordPath
    private let fields: [XMLFieldPath]

    init(plan: SegmentPlan, path: String, file: ByteFile, recordPath: XMLRecordPath, fields: [XMLFieldPath]) {
        self.plan = plan
        self.path = path
        self.file = file
        self.recordPath = recordPath
        self.fields = fields
    }

    /// Reads the file, handing each record to `onRecord` in document order.
    ///
    /// - Throws: what `onRecord` throws, or ``IngestError`` when the file cannot be opened a second time.
    func run(onRecord: (RawRecordView) throws -> Void) throws -> Outcome {
        let count = plan.starts.count
        let channel = SegmentChannel()
        let helper = HeldSegmentParser(
            plan: plan, path: path, displayPath: file.displayPath, recordPath: recordPath, fields: fields)
        let thread = Thread { helper.run(channel: channel) }
        thread.name = "citynet-xml-segments"
        thread.start()
        defer { channel.finish() }

        var delivered = 0
        var lineAtStart = 1
        var scratch: [RawValue] = []
        for index in 0..<count {
            let startLine = index == 0 ? 1 : plan.prefixEndLine
            let offset = lineAtStart - startLine
            let isLast = index == count - 1
            var end: SegmentEnd?
            if index % 2 == 0 {
                let parsed = try withoutActuallyEscaping(onRecord) { onRecord in
                    let state = SAXState(
                        recordPath: recordPath, fields: fields, file: file.displayPath, onRecord: onRecord)
                    state.lineOffset = offset
                    defer { delivered += state.records }
                    let ended = Result { () throws(IngestError) in try plan.parse(index, of: file, into: state) }
                    if let callbackError = state.callbackError { throw callbackError }
                    return ended
                }
                guard case .success(let segmentEnd) = parsed else { return .fallBack(delivered: delivered) }
                end = segmentEnd
            } else {
                guard case .parsed(let batch, let segmentEnd) = channel.take(index) else {
                    return .fallBack(delivered: delivered)
                }
                try batch.forEach(lineOffset: offset, scratch: &scratch) { record in
                    try onRecord(record)
                    delivered += 1
                }
                end = segmentEnd
            }
            if isLast { return .complete }
            guard let end, end.clean else { return .fallBack(delivered: delivered) }
            lineAtStart += end.line - startLine
        }
        return .complete
    }
}

/// What the second thread made of one segment.
private enum HeldSegment: Sendable {
    /// Its records, and how it ended (`nil` for the last segment).
    case parsed(RecordBatch, SegmentEnd?)
    /// It cannot be used: malformed, or the file could not be read.
    case failed
}

/// Hands segments from the second thread to the first, one at a time.
private final class SegmentChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [Int: HeldSegment] = [:]
    private var cancelled = false
    private var helperDone = false

    /// Waits until segment `index` is ready and takes it (`.failed` if the helper stopped first).
    func take(_ index: Int) -> HeldSegment {
        condition.lock()
        defer { condition.unlock() }
        while ready[index] == nil, !helperDone { condition.wait() }
        let segment = ready.removeValue(forKey: index) ?? .failed
        condition.broadcast()
        return segment
    }

    /// Offers segment `index`, after waiting until the one before it was taken; returns false when cancelled.
    func put(_ index: Int, _ segment: HeldSegment) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !ready.isEmpty, !cancelled { condition.wait() }
        guard !cancelled else { return false }
        ready[index] = segment
        condition.broadcast()
        return true
    }

    /// Whether the reading was abandoned.
    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Says the helper has stopped.
    func helperFinished() {
        condition.lock()
        helperDone = true
        condition.broadcast()
        condition.unlock()
    }

    /// Abandons what is left and waits for the helper to stop.
    func finish() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !helperDone { condition.wait() }
        condition.unlock()
    }
}

/// Parses the odd segments into batches, on the second thread.
private struct HeldSegmentParser: Sendable {
    let plan: SegmentPlan
    let path: String
    let displayPath: String
    let recordPath: XMLRecordPath
    let fields: [XMLFieldPath]

    func run(channel: SegmentChannel) {
        defer { channel.helperFinished() }
        guard let file = try? ByteFile(path: path, displayPath: displayPath) else { return }
        for index in stride(from: 1, to: plan.starts.count, by: 2) {
            guard !channel.isCancelled else { return }
            let segment = parse(index, in: file)
            guard channel.put(index, segment), case .parsed = segment else { return }
        }
    }

    private func parse(_ index: Int, in file: ByteFile) -> HeldSegment {
        let collected = Collected(batch: RecordBatch(file: displayPath, pathCount: fields.count))
        let state = SAXState(recordPath: recordPath, fields: fields, file: displayPath) { collected.batch.append($0) }
        do {
            let end = try plan.parse(index, of: file, into: state)
            return .parsed(collected.batch, end)
        } catch {
            return .failed
        }
    }

    /// The batch a segment's records go into.
    private final class Collected {
        var batch: RecordBatch
        init(batch: RecordBatch) { self.batch = batch }
    }
}
