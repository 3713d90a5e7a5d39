/// A field path relative to a record element, in the small XPath subset citynet maps.
///
/// Forms: child steps `a/b`, `*` for any child, attribute predicates `tag[@vocabulary='2']` (several joined
/// by `and`), and a final `@attribute`, `text()` or `.` (the element's text, the default).
public struct XMLFieldPath: Sendable, Hashable {
    /// One element step.
    public struct Step: Sendable, Hashable {
        /// The element's local name, or `nil` for `*`.
        public var name: [UInt8]?
        /// The prefix written before the name (`iati` in `iati:activity`), resolved to ``namespace``.
        public var prefix: String?
        /// The namespace URI the element must be in; `nil` matches any namespace.
        public var namespace: [UInt8]?
        /// Attributes the element must have, with their values.
        public var predicates: [(name: [UInt8], value: [UInt8])]

        public static func == (lhs: Step, rhs: Step) -> Bool {
            lhs.name == rhs.name && lhs.namespace == rhs.namespace
                && lhs.predicates.map(\.name) == rhs.predicates.map(\.name)
                && lhs.predicates.map(\.value) == rhs.predicates.map(\.value)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(name)
            hasher.combine(namespace)
            for predicate in predicates {
                hasher.combine(predicate.name)
                hasher.combine(predicate.value)
            }
        }
    }

    /// What the path selects on the last element.
    public enum Target: Sendable, Hashable {
        case text
        case attribute([UInt8])
    }

    /// The path as written.
    public var text: String
    /// The element steps below the record element.
    public var steps: [Step]
    /// Where each prefixed step's prefix starts in ``text``, for errors.
    public var prefixOffsets: [Int] = []
    /// What is read from the element the steps reach.
    public var target: Target

    /// Why a path cannot be parsed: the message and the 0-based offset in the path.
    public struct ParseError: Error, Sendable, Hashable {
        /// What is wrong.
        public var message: String
        /// Where in the path, counted in characters.
        public var offset: Int
    }

    /// Parses a field path.
    ///
    /// - Throws: ``ParseError`` with the offset of the problem.
    public init(parsing text: String) throws(ParseError) {
        var scanner = PathScanner(text)
        self.text = text
        steps = []
        target = .text
        if scanner.isAtEnd { throw ParseError(message: "empty path", offset: 0) }
        while !scanner.isAtEnd {
            if scanner.consume("@") {
                let name = try scanner.name(expected: "an attribute name after '@'")
                target = .attribute(name)
                guard scanner.isAtEnd else {
                    throw ParseError(message: "an attribute must be the last step", offset: scanner.offset)
                }
                break
            }
            if scanner.consume("text()") {
                guard scanner.isAtEnd else {
                    throw ParseError(message: "text() must be the last step", offset: scanner.offset)
                }
                break
            }
            if scanner.consume(".") {
                if !scanner.isAtEnd, !scanner.consume("/") {
                    throw ParseError(message: "expected '/' after '.'", offset: scanner.offset)
                }
                continue
            }
            var step = Step(name: nil, prefix: nil, namespace: nil, predicates: [])
            if !scanner.consume("*") {
                let qualified = try scanner.name(expected: "an element name, '@attribute', '*' or 'text()'")
                if let colon = qualified.firstIndex(of: UInt8(ascii: ":")) {
                    step.prefix = String(decoding: qualified[..<colon], as: UTF8.self)
                    step.name = Array(qualified[(colon + 1)...])
                    prefixOffsets.append(scanner.offset - qualified.count)
                } else {
                    step.name = qualified
                }
            }
            if scanner.consume("[") {
                repeat {
                    scanner.skipSpaces()
                    guard scanner.consume("@") else {
                        throw ParseError(message: "expected '@attribute' in a predicate", offset: scanner.offset)
                    }
                    let name = try scanner.name(expected: "an attribute name")
                    scanner.skipSpaces()
                    guard scanner.consume("=") else {
                        throw ParseError(message: "expected '=' after the attribute name", offset: scanner.offset)
                    }
                    scanner.skipSpaces()
                    let value = try scanner.quoted()
                    step.predicates.append((name, value))
                    scanner.skipSpaces()
                } while scanner.consume("and ")
                guard scanner.consume("]") else {
                    throw ParseError(message: "expected ']' or 'and' in the predicate", offset: scanner.offset)
                }
            }
            steps.append(step)
            if !scanner.isAtEnd, !scanner.consume("/") {
                throw ParseError(message: "expected '/' between steps", offset: scanner.offset)
            }
            if scanner.isAtEnd, text.hasSuffix("/") {
                throw ParseError(
                    message: "expected an element name, '@attribute', '*' or 'text()'", offset: scanner.offset)
            }
        }
    }
}

/// Where records are in a document: an absolute path from the root, or `//name` anywhere.
public struct XMLRecordPath: Sendable, Hashable {
    /// The element names from the root (absolute), or the one name (anywhere).
    public var names: [[UInt8]]
    /// Whether the record element may be at any depth.
    public var anywhere: Bool
    /// The namespace URI of each name, once prefixes are resolved (`nil`: any namespace).
    public var namespaces: [[UInt8]?] = []
    /// The path as written.
    public var text: String

    /// Parses `/a/b/record` or `//record`.
    ///
    /// - Throws: ``XMLFieldPath/ParseError`` with the offset of the problem.
    public init(parsing text: String) throws(XMLFieldPath.ParseError) {
        self.text = text
        var scanner = PathScanner(text)
        if scanner.consume("//") {
            anywhere = true
            names = [try scanner.name(expected: "an element name after '//'")]
            guard scanner.isAtEnd else {
                throw XMLFieldPath.ParseError(message: "'//' takes one element name", offset: scanner.offset)
            }
            return
        }
        anywhere = false
        names = []
        guard scanner.consume("/") else {
            throw XMLFieldPath.ParseError(message: "a record path starts with '/' or '//'", offset: 0)
        }
        repeat {
            names.append(try scanner.name(expected: "an element name"))
        } while scanner.consume("/")
        guard scanner.isAtEnd else {
            throw XMLFieldPath.ParseError(message: "expected '/' or the end of the path", offset: scanner.offset)
        }
    }
}

/// A cursor over the characters of a path.
private struct PathScanner {
    private let characters: [Character]
    private(set) var offset = 0

    init(_ text: String) { characters = Array(text) }

    var isAtEnd: Bool { offset == characters.count }

    mutating func consume(_ literal: String) -> Bool {
        let literalCharacters = Array(literal)
        guard characters.count - offset >= literalCharacters.count,
            Array(characters[offset..<offset + literalCharacters.count]) == literalCharacters
        else { return false }
        offset += literalCharacters.count
        return true
    }

    mutating func skipSpaces() {
        while offset < characters.count, characters[offset] == " " { offset += 1 }
    }

    mutating func name(expected: String) throws(XMLFieldPath.ParseError) -> [UInt8] {
        let start = offset
        while offset < characters.count, isNameCharacter(characters[offset], first: offset == start) { offset += 1 }
        guard offset > start else { throw XMLFieldPath.ParseError(message: "expected \(expected)", offset: start) }
        return Array(String(characters[start..<offset]).utf8)
    }

    mutating func quoted() throws(XMLFieldPath.ParseError) -> [UInt8] {
        guard offset < characters.count, characters[offset] == "'" || characters[offset] == "\"" else {
            throw XMLFieldPath.ParseError(message: "expected a quoted value", offset: offset)
        }
        let quote = characters[offset]
        offset += 1
        let start = offset
        while offset < characters.count, characters[offset] != quote { offset += 1 }
        guard offset < characters.count else {
            throw XMLFieldPath.ParseError(message: "unterminated quoted value", offset: start - 1)
        }
        let value = Array(String(characters[start..<offset]).utf8)
        offset += 1
        return value
    }

    private func isNameCharacter(_ character: Character, first: Bool) -> Bool {
        if character.isLetter || character == "_" { return true }
        if first { return false }
        return character.isNumber || character == "-" || character == "." || character == ":"
    }
}

extension XMLFieldPath {
    /// The path with its prefixes resolved to namespace URIs.
    ///
    /// - Parameter namespaces: the prefixes the pipeline file declares, with their URIs.
    /// - Returns: the path whose prefixed steps match their namespace URI.
    /// - Throws: ``ParseError`` at the first undeclared prefix.
    public func resolvingPrefixes(_ namespaces: [String: String]) throws(ParseError) -> XMLFieldPath {
        var resolved = self
        var prefixed = 0
        for index in resolved.steps.indices {
            guard let prefix = resolved.steps[index].prefix else { continue }
            guard let uri = namespaces[prefix] else {
                let declared = namespaces.keys.sorted()
                let list =
                    declared.isEmpty
                    ? "none are declared under namespaces:" : "declared: \(declared.joined(separator: ", "))"
                throw ParseError(
                    message: "undeclared namespace prefix '\(prefix)' (\(list))", offset: prefixOffsets[prefixed])
            }
            resolved.steps[index].namespace = Array(uri.utf8)
            prefixed += 1
        }
        return resolved
    }
}

extension XMLRecordPath {
    /// The path with its prefixes resolved to namespace URIs.
    ///
    /// - Throws: ``XMLFieldPath/ParseError`` at the first undeclared prefix.
    public func resolvingPrefixes(_ namespaces: [String: String]) throws(XMLFieldPath.ParseError) -> XMLRecordPath {
        var resolved = self
        var offset = anywhere ? 2 : 1
        resolved.namespaces = []
        for (index, name) in names.enumerated() {
            if let colon = name.firstIndex(of: UInt8(ascii: ":")) {
                let prefix = String(decoding: name[..<colon], as: UTF8.self)
                guard let uri = namespaces[prefix] else {
                    let declared = namespaces.keys.sorted()
                    let list =
                        declared.isEmpty
                        ? "none are declared under namespaces:" : "declared: \(declared.joined(separator: ", "))"
                    throw XMLFieldPath.ParseError(
                        message: "undeclared namespace prefix '\(prefix)' (\(list))", offset: offset)
                }
                resolved.names[index] = Array(name[(colon + 1)...])
                resolved.namespaces.append(Array(uri.utf8))
            } else {
                resolved.namespaces.append(nil)
            }
            offset += name.count + 1
        }
        return resolved
    }
}
