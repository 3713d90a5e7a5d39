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

/// Runs libxml2's SAX2 push parser over a file in chunks, safely: no network, no external entities or DTDs, no
/// entity substitution, libxml2's own limits on entity expansion.
struct SAXDriver {
    private static let chunkSize = 1 << 18

    let file: ByteFile
    /// Stop after this many bytes (for surveys of a file's start), or read everything when `nil`.
    var byteLimit: Int64?

    init(file: ByteFile, byteLimit: Int64? = nil) {
        self.file = file
        self.byteLimit = byteLimit
    }

    /// Parses the file, sending events to `consumer`.
    ///
    /// - Returns: whether parsing stopped at ``byteLimit`` before the end of the file.
    /// - Throws: ``IngestError/malformedXML(_:message:)`` with libxml2's first error.
    @discardableResult
    func parse(_ consumer: some SAXConsumer) throws(IngestError) -> Bool {
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

        var chunk: [UInt8] = []
        chunk.reserveCapacity(Self.chunkSize)
        var offset = Int64(try file.read(at: 0, appendingTo: &chunk, count: 4))
        guard
            let context = chunk.withUnsafeBufferPointer({ bytes in
                bytes.withMemoryRebound(to: CChar.self) { characters in
                    xmlCreatePushParserCtxt(
                        &handler, nil, characters.baseAddress, Int32(characters.count), file.displayPath)
                }
            })
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
        let box = ConsumerBox(consumer: consumer, file: file.displayPath)
        let unmanaged = Unmanaged.passRetained(box)
        defer { unmanaged.release() }
        context.pointee._private = unmanaged.toOpaque()

        var finished = false
        while !finished {
            chunk.removeAll(keepingCapacity: true)
            var count = Self.chunkSize
            if let byteLimit { count = Int(max(0, min(Int64(count), byteLimit - offset))) }
            let read = count > 0 ? try file.read(at: offset, appendingTo: &chunk, count: count) : 0
            offset += Int64(read)
            finished = read == 0
            if finished, let byteLimit, offset >= byteLimit {
                var probe: [UInt8] = []
                return try file.read(at: offset, appendingTo: &probe, count: 1) > 0
            }
            let status = chunk.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { characters in
                    xmlParseChunk(context, characters.baseAddress, Int32(characters.count), finished ? 1 : 0)
                }
            }
            if consumer.shouldStop { return false }
            if status != 0 || consumer.failure != nil {
                throw consumer.failure
                    ?? .malformedXML(
                        SourceLocation(file: file.displayPath, line: Int(xmlSAX2GetLineNumber(context))),
                        message: "libxml2 error \(status)"
                    )
            }
        }
        if context.pointee.wellFormed == 0 {
            throw consumer.failure
                ?? .malformedXML(SourceLocation(file: file.displayPath), message: "document is not well-formed")
        }
        return false
    }
}

/// Holds the consumer behind the parser's private pointer.
private final class ConsumerBox {
    let consumer: any SAXConsumer
    let file: String

    init(consumer: any SAXConsumer, file: String) {
        self.consumer = consumer
        self.file = file
    }
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

/// Calls `body` with the consumer behind a parser, without retaining it (the driver keeps it alive).
private func withConsumer(_ context: UnsafeMutableRawPointer?, _ body: (any SAXConsumer, String) -> Void) {
    guard let context else { return }
    let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let opaque = parser.pointee._private else { return }
    Unmanaged<ConsumerBox>.fromOpaque(opaque)._withUnsafeGuaranteedRef { body($0.consumer, $0.file) }
}

private let saxStartElement: startElementNsSAX2Func = {
    context, localName, prefix, uri, _, _, attributeCount, _, attributes in
    guard let localName else { return }
    withConsumer(context) { consumer, _ in
        consumer.startElement(
            localName, prefix: prefix, uri: uri,
            attributes: Attributes(count: Int(attributeCount), pointers: attributes))
    }
}

private let saxEndElement: endElementNsSAX2Func = { context, _, _, _ in
    withConsumer(context) { consumer, _ in consumer.endElement() }
}

private let saxCharacters: charactersSAXFunc = { context, bytes, count in
    guard let bytes else { return }
    withConsumer(context) { consumer, _ in consumer.characters(bytes, count: Int(count)) }
}

private let saxReference: referenceSAXFunc = { context, name in
    guard let name else { return }
    withConsumer(context) { consumer, _ in consumer.reference(name) }
}

private let saxRefuseEntity: resolveEntitySAXFunc = { _, _, _ in nil }

private let saxError: xmlStructuredErrorFunc = { context, error in
    guard let error else { return }
    withConsumer(context) { consumer, file in consumer.fail(error.pointee, file: file) }
}
