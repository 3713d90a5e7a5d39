internal import CLibXML2

/// Checks that bytes are a well-formed XML document, with the same safe libxml2 settings as ``XMLReader``.
public enum XMLChecker {
    /// libxml2's first error for a document, or `nil` when it is well-formed.
    ///
    /// - Parameters:
    ///   - bytes: the document.
    ///   - name: the name messages use for it.
    /// - Returns: `line:column: message` of the first error, or `nil`.
    public static func problem(in bytes: [UInt8], name: String) -> String? {
        guard let context = xmlNewParserCtxt() else { return "libxml2 could not create a parser" }
        defer { xmlFreeParserCtxt(context) }
        let firstError = FirstError()
        let unmanaged = Unmanaged.passRetained(firstError)
        defer { unmanaged.release() }
        context.pointee._private = unmanaged.toOpaque()
        context.pointee.sax.pointee.serror = recordFirstError
        let options = XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                xmlCtxtReadMemory(context, characters.baseAddress, Int32(characters.count), name, nil, Int32(options))
            }
        }
        if let document { xmlFreeDoc(document) }
        if let message = firstError.message { return message }
        return document == nil || context.pointee.wellFormed == 0 ? "not well-formed" : nil
    }
}

/// The first error libxml2 reports while checking a document.
private final class FirstError {
    var message: String?
}

private let recordFirstError: xmlStructuredErrorFunc = { context, error in
    guard let context, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
    let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let opaque = parser.pointee._private else { return }
    let box = Unmanaged<FirstError>.fromOpaque(opaque).takeUnretainedValue()
    guard box.message == nil else { return }
    let text = error.pointee.message.map { String(cString: $0) } ?? "not well-formed"
    box.message = "\(error.pointee.line):\(error.pointee.int2): \(XMLTextFolding.folded(text))"
}

/// Whitespace folding shared by the XML readers.
enum XMLTextFolding {
    /// Text trimmed, with runs of XML whitespace folded to one space.
    static func folded(_ text: String) -> String {
        folded(Array(text.utf8)) ?? ""
    }

    /// Bytes trimmed, with inner runs of XML whitespace folded to one space; `nil` when nothing is left.
    static func folded(_ bytes: [UInt8]) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace { output.append(0x20) }
                pendingSpace = false
                output.append(byte)
            }
        }
        return output.isEmpty ? nil : String(decoding: output, as: UTF8.self)
    }
}
