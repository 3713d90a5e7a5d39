internal import CLibXML2
import CityNetModel

/// What receives libxml2's SAX events for one document.
protocol SAXConsumer: AnyObject {
    /// The parser, set before the first event.
    var context: xmlParserCtxtPtr? { get set }
    /// The first error libxml2 reported.
    var failure: IngestError? { get set }
    /// Whether the consumer wants parsing to stop (it has what it needs, or its own callback failed).
    var shouldStop: Bool { get }
    /// An element opens.
    func startElement(
        _ name: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
        attributes: Attributes)
    /// An element closes.
    func endElement()
    /// Text or CDATA.
    func characters(_ bytes: UnsafePointer<xmlChar>, count: Int)
    /// A reference to an entity libxml2 does not expand.
    func reference(_ name: UnsafePointer<xmlChar>)
}

extension SAXConsumer {
    /// Keeps the first error at error level or worse.
    func fail(_ error: xmlError, file: String) {
        guard failure == nil, error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let column = error.int2 > 0 ? Int(error.int2) : nil
        let message = XMLTextFolding.folded(error.message.map { String(cString: $0) } ?? "unknown libxml2 error")
        failure = .malformedXML(SourceLocation(file: file, line: Int(error.line), column: column), message: message)
    }
}

/// A stretch of a file that a parser reads on its own: `prefix` — the document's start up to its first record, so
/// that the parser knows the root element, its namespaces and any entities the prolog declares — then the file's
/// bytes in `range`.
struct XMLSegment: Sendable {
    var prefix: [UInt8]
    var range: Range<Int64>
}

/// How the parse of a segment that stops before the end of the file ended.
struct SegmentEnd: Sendable {
    /// Whether the segment ended between two records: only the root element open, outside any tag, comment,
    /// CDATA section or processing instruction. Only then does the next segment start where a record starts.
    var clean: Bool
    /// libxml2's line at the end of the segment.
    var line: Int
}

/// Runs libxml2's SAX2 parser over a file, safely: no network, no external entities or DTDs, no entity
/// substitution, libxml2's own limits on entity expansion.
struct SAXDriver {
    let file: ByteFile
    /// Stop after this many bytes (for surveys of a file's start), or read everything when `nil`.
    var byteLimit: Int64?
    /// Read this segment rather than the whole file.
    var segment: XMLSegment?

    init(file: ByteFile, byteLimit: Int64? = nil, segment: XMLSegment? = nil) {
        self.file = file
        self.byteLimit = byteLimit
        self.segment = segment
    }

    /// How a parse of the file ended.
    struct End {
        /// Whether parsing stopped at ``SAXDriver/byteLimit`` before the end of the file.
        var stoppedAtLimit: Bool
        /// How many bytes of the file were read.
        var bytesRead: Int64
    }

    /// Parses the file (or the segment up to the end of the file), sending events to `consumer`.
    ///
    /// - Returns: whether parsing stopped at ``byteLimit`` before the end of the file, and how much it read.
    /// - Throws: ``IngestError/malformedXML(_:message:)`` with libxml2's first error.
    @discardableResult
    func parse(_ consumer: some SAXConsumer) throws(IngestError) -> End {
        let outcome = try run(consumer, stopAt: byteLimit)
        let bytesRead = outcome.box.offset - (segment?.range.lowerBound ?? 0)
        if consumer.shouldStop { return End(stoppedAtLimit: false, bytesRead: bytesRead) }
        if outcome.box.stopped {
            var probe: [UInt8] = []
            let more = try file.read(at: outcome.box.offset, appendingTo: &probe, count: 1) > 0
            return End(stoppedAtLimit: more, bytesRead: bytesRead)
        }
        try outcome.check(consumer, file: file.displayPath)
        return End(stoppedAtLimit: false, bytesRead: bytesRead)
    }

    /// Parses ``segment``, which ends before the end of the file, and says how it ended.
    ///
    /// - Throws: ``IngestError/malformedXML(_:message:)`` with libxml2's first error before the segment's end.
    func parseSegment(_ consumer: some SAXConsumer) throws(IngestError) -> SegmentEnd {
        let outcome = try run(consumer, stopAt: segment?.range.upperBound)
        if consumer.shouldStop { return SegmentEnd(clean: false, line: outcome.line) }
        guard outcome.box.stopped else {
            try outcome.check(consumer, file: file.displayPath)
            return SegmentEnd(clean: false, line: outcome.line)
        }
        if let failure = consumer.failure { throw failure }
        guard let end = outcome.box.errorAtStop else { return SegmentEnd(clean: false, line: outcome.line) }
        // Cut between two records, libxml2 only misses the root's end tag.
        let clean = end.code == Int32(XML_ERR_TAG_NOT_FINISHED.rawValue) && end.openElements == 1
        return SegmentEnd(clean: clean, line: end.line)
    }

    /// What one run of the parser left.
    private struct Outcome {
        var box: ConsumerBox
        var status: Int32
        var wellFormed: Bool
        var line: Int

        /// Throws the document's first error, if it has one.
        func check(_ consumer: some SAXConsumer, file: String) throws(IngestError) {
            if status != 0 || consumer.failure != nil {
                throw consumer.failure
                    ?? .malformedXML(SourceLocation(file: file, line: line), message: "libxml2 error \(status)")
            }
            if !wellFormed {
                throw .malformedXML(SourceLocation(file: file), message: "document is not well-formed")
            }
        }
    }

    private func run(_ consumer: some SAXConsumer, stopAt: Int64?) throws(IngestError) -> Outcome {
        var handler = xmlSAXHandler()
        xmlSAXVersion(&handler, 2)
        handler.startElement = nil
        handler.endElement = nil
        handler.startElementNs = saxStartElement
        handler.endElementNs = saxEndElement
        handler.characters = saxCharacters
        handler.ignorableWhitespace = saxCharacters
        handler.cdataBlock = saxCharacters
        handler.reference = saxReference
        handler.comment = nil
        handler.processingInstruction = nil
        handler.resolveEntity = saxRefuseEntity
        handler.externalSubset = nil
        handler.serror = saxError
        handler.warning = nil
        handler.error = nil
        handler.fatalError = nil

        let box = ConsumerBox(
            consumer: consumer, file: file, prefix: segment?.prefix ?? [], start: segment?.range.lowerBound ?? 0,
            stopAt: stopAt)
        let unmanaged = Unmanaged.passRetained(box)
        defer { unmanaged.release() }
        // libxml2 pulls the bytes through `saxRead` straight into its own buffer: no chunk is copied twice.
        guard
            let context = xmlCreateIOParserCtxt(
                &handler, nil, saxRead, nil, unmanaged.toOpaque(), XML_CHAR_ENCODING_NONE)
        else {
            throw .unreadable(path: file.displayPath, reason: "libxml2 could not create a parser")
        }
        defer {
            if let document = context.pointee.myDoc { xmlFreeDoc(document) }
            xmlFreeParserCtxt(context)
        }
        xmlCtxtUseOptions(
            context, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_NOCDATA.rawValue))
        consumer.context = context
        context.pointee._private = unmanaged.toOpaque()

        let status = xmlParseDocument(context)
        consumer.context = nil
        if let readFailure = box.readFailure { throw readFailure }
        return Outcome(
            box: box, status: status, wellFormed: context.pointee.wellFormed != 0,
            line: Int(xmlSAX2GetLineNumber(context)))
    }
}

/// Holds the consumer behind the parser's private pointer.
///
/// Callbacks borrow the box (``SAXDriver/parse(_:)`` keeps it alive while the parser runs), so each of the
/// millions of events reaches the consumer without retaining and releasing it.
private final class ConsumerBox {
    let consumer: any SAXConsumer
    let file: ByteFile
    /// Bytes libxml2 reads before the file's.
    private let prefix: [UInt8]
    private var prefixServed = 0
    /// Where reading stops short of the end of the file, if it does.
    let stopAt: Int64?
    /// How far the box has read the file.
    var offset: Int64
    private let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
    /// The part of ``block`` that libxml2 has not taken yet.
    private var ahead = UnsafeRawBufferPointer(start: nil, count: 0)
    /// Whether reading stopped at ``stopAt`` (errors after that are the cut's, not the file's).
    var stopped = false
    /// The first error libxml2 reported after the cut: its code, line and how many elements were open.
    var errorAtStop: (code: Int32, line: Int, openElements: Int32)?
    /// Why the file could not be read, when it could not.
    var readFailure: IngestError?

    init(consumer: any SAXConsumer, file: ByteFile, prefix: [UInt8], start: Int64, stopAt: Int64?) {
        self.consumer = consumer
        self.file = file
        self.prefix = prefix
        offset = start
        self.stopAt = stopAt
    }

    /// Reads the next bytes into libxml2's buffer; 0 at the end (or the limit), -1 on a read error.
    ///
    /// libxml2 asks for about 4 KB at a time; the box reads the file in larger blocks and serves those requests
    /// from memory, so that 200 MB cost some 3,000 reads rather than 50,000.
    func read(into buffer: UnsafeMutablePointer<CChar>, count: Int) -> Int32 {
        if prefixServed < prefix.count {
            let served = min(count, prefix.count - prefixServed)
            prefix.withUnsafeBytes { bytes in
                UnsafeMutableRawBufferPointer(start: buffer, count: served).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: bytes[prefixServed..<prefixServed + served]))
            }
            prefixServed += served
            return Int32(served)
        }
        if ahead.isEmpty {
            do {
                guard try refill() else { return 0 }
            } catch {
                readFailure = error
                return -1
            }
        }
        guard let source = ahead.baseAddress else { return 0 }
        let served = min(count, ahead.count)
        UnsafeMutableRawPointer(buffer).copyMemory(from: source, byteCount: served)
        ahead = UnsafeRawBufferPointer(rebasing: ahead[served...])
        return Int32(served)
    }

    /// Reads the next block; returns false at the end of the file or at the byte limit.
    private func refill() throws(IngestError) -> Bool {
        var count = block.count
        if let stopAt {
            count = Int(max(0, min(Int64(count), stopAt - offset)))
            if count == 0 {
                stopped = true
                return false
            }
        }
        let read = try file.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: block[0..<count]))
        offset += Int64(read)
        ahead = UnsafeRawBufferPointer(rebasing: block[0..<read])
        return read > 0
    }

    deinit { block.deallocate() }
}

/// The attributes libxml2 hands to `startElementNs`: five pointers per attribute (local name, prefix, URI,
/// value start, value end).
struct Attributes {
    let count: Int
    let pointers: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    func value(of name: [UInt8]) -> UnsafeBufferPointer<UInt8>? {
        guard let pointers else { return nil }
        for index in 0..<count {
            let base = index * 5
            guard let localName = pointers[base], equal(localName, name), let start = pointers[base + 3],
                let end = pointers[base + 4]
            else { continue }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// Each attribute's name as written (`xml:lang`) and value.
    func visit(_ body: (String, UnsafeBufferPointer<UInt8>) -> Void) {
        guard let pointers else { return }
        for index in 0..<count {
            let base = index * 5
            guard let localName = pointers[base], let start = pointers[base + 3], let end = pointers[base + 4] else {
                continue
            }
            let name =
                pointers[base + 1].map { String(cString: $0) + ":" + String(cString: localName) }
                ?? String(cString: localName)
            body(name, UnsafeBufferPointer(start: start, count: end - start))
        }
    }
}

/// Whether a NUL-terminated name equals some bytes.
func equal(_ cString: UnsafePointer<xmlChar>, _ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { buffer in
        for index in 0..<buffer.count where cString[index] != buffer[index] { return false }
        return cString[buffer.count] == 0
    }
}

/// The box behind a parser's private pointer, unretained: the driver keeps it alive while the parser runs.
private func box(_ context: UnsafeMutableRawPointer?) -> Unmanaged<ConsumerBox>? {
    guard let context else { return nil }
    let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let opaque = parser.pointee._private else { return nil }
    return Unmanaged<ConsumerBox>.fromOpaque(opaque)
}

private let saxStartElement: startElementNsSAX2Func = {
    context, localName, prefix, uri, _, _, attributeCount, _, attributes in
    guard let localName else { return }
    box(context)?._withUnsafeGuaranteedRef {
        $0.consumer.startElement(
            localName, prefix: prefix, uri: uri,
            attributes: Attributes(count: Int(attributeCount), pointers: attributes))
    }
}

private let saxEndElement: endElementNsSAX2Func = { context, _, _, _ in
    box(context)?._withUnsafeGuaranteedRef { $0.consumer.endElement() }
}

private let saxCharacters: charactersSAXFunc = { context, bytes, count in
    guard let bytes else { return }
    box(context)?._withUnsafeGuaranteedRef { $0.consumer.characters(bytes, count: Int(count)) }
}

private let saxReference: referenceSAXFunc = { context, name in
    guard let name else { return }
    box(context)?._withUnsafeGuaranteedRef { $0.consumer.reference(name) }
}

private let saxRead: xmlInputReadCallback = { context, buffer, count in
    guard let context, let buffer else { return -1 }
    return Unmanaged<ConsumerBox>.fromOpaque(context)._withUnsafeGuaranteedRef {
        $0.read(into: buffer, count: Int(count))
    }
}

private let saxRefuseEntity: resolveEntitySAXFunc = { _, _, _ in nil }

private let saxError: xmlStructuredErrorFunc = { context, error in
    guard let error else { return }
    box(context)?._withUnsafeGuaranteedRef { box in
        guard !box.stopped else {
            if box.errorAtStop == nil, let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self) {
                box.errorAtStop = (error.pointee.code, Int(error.pointee.line), parser.pointee.nameNr)
            }
            return
        }
        box.consumer.fail(error.pointee, file: box.file.displayPath)
    }
}
