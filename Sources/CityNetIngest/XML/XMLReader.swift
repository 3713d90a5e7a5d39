internal import CLibXML2
public import CityNetModel

/// A streaming XML reader on libxml2's SAX2 push parser.
///
/// It never builds a tree: it feeds the file to libxml2 in chunks, follows which field paths match as elements
/// open and close, and makes a `String` only for the values a mapping asks for. Network access is off and
/// external entities are not loaded.
public final class XMLReader {
    private static let chunkSize = 1 << 18

    private let file: ByteFile

    /// Opens a file for reading.
    ///
    /// - Throws: ``IngestError/fileMissing(path:)`` or ``IngestError/unreadable(path:reason:)``.
    public init(path: String, displayPath: String) throws(IngestError) {
        file = try ByteFile(path: path, displayPath: displayPath)
    }

    /// Reads every record element and hands it over with the values of each field path.
    ///
    /// - Parameters:
    ///   - recordPath: where the record elements are.
    ///   - fields: the paths to read, relative to the record element; a record's `values` follow this order.
    ///   - onRecord: called with each record, in document order.
    /// - Throws: ``IngestError/malformedXML(_:message:)`` with libxml2's message and position when the file
    ///   is not well-formed, or what `onRecord` throws.
    public func forEachRecord(
        recordPath: XMLRecordPath, fields: [XMLFieldPath], onRecord: (RawRecord) throws -> Void
    ) throws {
        let state = SAXState(recordPath: recordPath, fields: fields, file: file.displayPath)
        var handler = xmlSAXHandler()
        xmlSAXVersion(&handler, 2)
        handler.startElement = nil
        handler.endElement = nil
        handler.startElementNs = saxStartElement
        handler.endElementNs = saxEndElement
        handler.characters = saxCharacters
        handler.ignorableWhitespace = saxCharacters
        handler.cdataBlock = saxCharacters
        handler.reference = nil
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
        _ = try file.read(appendingTo: &chunk, count: 4)
        guard
            let context = chunk.withUnsafeBufferPointer({ bytes in
                bytes.withMemoryRebound(to: CChar.self) { characters in
                    xmlCreatePushParserCtxt(
                        &handler, nil, characters.baseAddress, Int32(characters.count), file.displayPath)
                }
            })
        else {
            throw IngestError.unreadable(path: file.displayPath, reason: "libxml2 could not create a parser")
        }
        defer {
            if let document = context.pointee.myDoc { xmlFreeDoc(document) }
            xmlFreeParserCtxt(context)
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_NOCDATA.rawValue)
        xmlCtxtUseOptions(context, options)
        state.context = context
        let unmanaged = Unmanaged.passRetained(state)
        defer { unmanaged.release() }
        context.pointee._private = unmanaged.toOpaque()

        var finished = false
        while !finished {
            chunk.removeAll(keepingCapacity: true)
            let read = try file.read(appendingTo: &chunk, count: Self.chunkSize)
            finished = read == 0
            let status = chunk.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { characters in
                    xmlParseChunk(context, characters.baseAddress, Int32(characters.count), finished ? 1 : 0)
                }
            }
            if status != 0 || state.failure != nil {
                throw state.failure
                    ?? .malformedXML(
                        SourceLocation(file: file.displayPath, line: Int(xmlSAX2GetLineNumber(context))),
                        message: "libxml2 error \(status)"
                    )
            }
            for record in state.completed { try onRecord(record) }
            state.completed.removeAll(keepingCapacity: true)
        }
        if context.pointee.wellFormed == 0 {
            throw state.failure
                ?? .malformedXML(SourceLocation(file: file.displayPath), message: "document is not well-formed")
        }
    }
}

@available(*, unavailable)
extension XMLReader: Sendable {}

/// What the SAX callbacks share while one document is parsed.
private final class SAXState {
    let recordPath: XMLRecordPath
    let fields: [XMLFieldPath]
    let file: String
    var context: xmlParserCtxtPtr?

    var depth = 0
    /// For absolute record paths: whether the open elements so far follow the path, per depth.
    var onRecordPath: [Bool] = [true]
    var recordDepth: Int?
    /// Pairs (field, next step) that the open elements inside the record have matched, one frame per element.
    var active: [(field: Int, step: Int)] = []
    var frameStarts: [Int] = []
    var captures: [(field: Int, depth: Int, bytes: [UInt8])] = []
    var values: [[String]] = []
    var location = SourceLocation(file: "")
    var completed: [RawRecord] = []
    var failure: IngestError?

    init(recordPath: XMLRecordPath, fields: [XMLFieldPath], file: String) {
        self.recordPath = recordPath
        self.fields = fields
        self.file = file
    }

    func startElement(_ name: UnsafePointer<xmlChar>, attributes: Attributes) {
        depth += 1
        if recordDepth != nil {
            let parentStart = frameStarts.last ?? 0
            let frameStart = active.count
            for index in parentStart..<frameStart {
                let (field, stepIndex) = active[index]
                let steps = fields[field].steps
                guard matches(steps[stepIndex], name: name, attributes: attributes) else { continue }
                if stepIndex + 1 == steps.count {
                    select(field, attributes: attributes)
                } else {
                    active.append((field, stepIndex + 1))
                }
            }
            frameStarts.append(frameStart)
            return
        }
        let isRecord: Bool
        if recordPath.anywhere {
            isRecord = equal(name, recordPath.names[0])
        } else {
            let follows =
                (onRecordPath.last ?? false) && depth <= recordPath.names.count
                && equal(name, recordPath.names[depth - 1])
            onRecordPath.append(follows)
            isRecord = follows && depth == recordPath.names.count
        }
        guard isRecord else { return }
        startRecord(attributes: attributes)
    }

    private func startRecord(attributes: Attributes) {
        recordDepth = depth
        values = Array(repeating: [], count: fields.count)
        active.removeAll(keepingCapacity: true)
        frameStarts = [0]
        let line = context.map { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0))) } ?? 0
        location = SourceLocation(file: file, line: line)
        for (field, path) in fields.enumerated() {
            if path.steps.isEmpty {
                select(field, attributes: attributes)
            } else {
                active.append((field, 0))
            }
        }
    }

    func endElement() {
        defer { depth -= 1 }
        guard let recordDepth else {
            if !recordPath.anywhere { onRecordPath.removeLast() }
            return
        }
        while let last = captures.last, last.depth == depth {
            captures.removeLast()
            if let text = XMLTextFolding.folded(last.bytes) { values[last.field].append(text) }
        }
        if depth == recordDepth {
            completed.append(RawRecord(location: location, values: values))
            self.recordDepth = nil
            if !recordPath.anywhere { onRecordPath.removeLast() }
            return
        }
        if let start = frameStarts.popLast() { active.removeSubrange(start...) }
    }

    func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        guard !captures.isEmpty else { return }
        let buffer = UnsafeBufferPointer(start: bytes, count: count)
        for index in captures.indices { captures[index].bytes.append(contentsOf: buffer) }
    }

    func fail(_ error: xmlError) {
        guard failure == nil, error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let message = error.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        let trimmed = XMLTextFolding.folded(message)
        let column = error.int2 > 0 ? Int(error.int2) : nil
        failure = .malformedXML(SourceLocation(file: file, line: Int(error.line), column: column), message: trimmed)
    }

    private func select(_ field: Int, attributes: Attributes) {
        switch fields[field].target {
        case .text:
            captures.append((field, depth, []))
        case .attribute(let name):
            if let value = attributes.value(of: name), let text = XMLTextFolding.folded(value) {
                values[field].append(text)
            }
        }
    }

    private func matches(_ step: XMLFieldPath.Step, name: UnsafePointer<xmlChar>, attributes: Attributes) -> Bool {
        if let expected = step.name, !equal(name, expected) { return false }
        for predicate in step.predicates {
            guard let value = attributes.value(of: predicate.name), value == predicate.value else { return false }
        }
        return true
    }
}

/// The attributes libxml2 hands to `startElementNs`: five pointers per attribute (local name, prefix, URI,
/// value start, value end).
private struct Attributes {
    let count: Int
    let pointers: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    func value(of name: [UInt8]) -> [UInt8]? {
        guard let pointers else { return nil }
        for index in 0..<count {
            let base = index * 5
            guard let localName = pointers[base], equal(localName, name),
                let start = pointers[base + 3], let end = pointers[base + 4]
            else { continue }
            return Array(UnsafeBufferPointer(start: start, count: end - start))
        }
        return nil
    }
}

private func equal(_ cString: UnsafePointer<xmlChar>, _ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { buffer in
        for index in 0..<buffer.count where cString[index] != buffer[index] { return false }
        return cString[buffer.count] == 0
    }
}

private func state(_ context: UnsafeMutableRawPointer?) -> SAXState? {
    guard let context else { return nil }
    let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let opaque = parser.pointee._private else { return nil }
    return Unmanaged<SAXState>.fromOpaque(opaque).takeUnretainedValue()
}

private let saxStartElement: startElementNsSAX2Func = {
    context, localName, _, _, _, _, attributeCount, _, attributes in
    guard let localName else { return }
    state(context)?.startElement(localName, attributes: Attributes(count: Int(attributeCount), pointers: attributes))
}

private let saxEndElement: endElementNsSAX2Func = { context, _, _, _ in
    state(context)?.endElement()
}

private let saxCharacters: charactersSAXFunc = { context, bytes, count in
    guard let bytes else { return }
    state(context)?.characters(bytes, count: Int(count))
}

private let saxRefuseEntity: resolveEntitySAXFunc = { _, _, _ in nil }

private let saxError: xmlStructuredErrorFunc = { context, error in
    guard let error else { return }
    state(context)?.fail(error.pointee)
}
