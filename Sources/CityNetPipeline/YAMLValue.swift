import CityNetModel
import Yams

/// Replaces `${name}` with a parameter and `${env.NAME}` with an environment variable; `$${` is a literal `${`.
struct Interpolator {
    var parameters: [String: String]
    var environment: [String: String]
    /// Parameters are declared in the file; when reading their own values only the environment is available.
    var allowsParameters = true

    func apply(_ text: String, at location: SourceLocation, offsetBase: Int?) throws(PipelineError) -> String {
        guard text.contains("$") else { return text }
        var output = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            if characters[index] == "$", index + 2 < characters.count, characters[index + 1] == "$",
                characters[index + 2] == "{"
            {
                output += "${"
                index += 3
                continue
            }
            guard characters[index] == "$", index + 1 < characters.count, characters[index + 1] == "{" else {
                output.append(characters[index])
                index += 1
                continue
            }
            let start = index
            guard let close = characters[index...].firstIndex(of: "}") else {
                throw PipelineError.invalidPipeline(
                    place(location, offsetBase, start), "unterminated '${' (expected '${name}' or '${env.NAME}')"
                )
            }
            let name = String(characters[(index + 2)..<close]).trimmedSpaces()
            if name.hasPrefix("env.") {
                let variable = String(name.dropFirst(4))
                guard let value = environment[variable] else {
                    throw PipelineError.invalidPipeline(
                        place(location, offsetBase, start), "environment variable '\(variable)' is not set")
                }
                output += value
            } else if allowsParameters, let value = parameters[name] {
                output += value
            } else {
                let declared = parameters.keys.sorted()
                let expected =
                    declared.isEmpty ? "no params are declared" : "declared: \(declared.joined(separator: ", "))"
                let detail = allowsParameters ? expected : "params may use only ${env.NAME}"
                throw PipelineError.invalidPipeline(
                    place(location, offsetBase, start), "unknown parameter '\(name)' (\(detail))")
            }
            index = close + 1
        }
        return output
    }

    private func place(_ location: SourceLocation, _ base: Int?, _ offset: Int) -> SourceLocation {
        guard let base else { return location }
        return location.advanced(byColumns: base + offset)
    }
}

/// A node of the pipeline file with where it is, and typed accessors whose errors name the place and what
/// was expected.
struct YAMLValue {
    let node: Node
    let file: String
    let interpolator: Interpolator

    var location: SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: file) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    private func child(_ node: Node) -> YAMLValue {
        YAMLValue(node: node, file: file, interpolator: interpolator)
    }

    func fail(_ message: String) -> PipelineError {
        .invalidPipeline(location, message)
    }

    /// The node with `${…}` replaced, as compact JSON-like text with keys in file order: what a stage's
    /// fingerprint covers, so that a change of its definition (or of a parameter it uses) reruns it.
    func canonical() throws(PipelineError) -> String {
        switch node {
        case .scalar:
            return Self.quoted(try string("value"))
        case .sequence(let sequence):
            var parts: [String] = []
            for element in sequence { parts.append(try child(element).canonical()) }
            return "[" + parts.joined(separator: ",") + "]"
        case .mapping(let mapping):
            var parts: [String] = []
            for (key, value) in mapping {
                parts.append(Self.quoted(key.string ?? "") + ":" + (try child(value).canonical()))
            }
            return "{" + parts.joined(separator: ",") + "}"
        case .alias:
            return "null"
        }
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The node as a mapping.
    func mapping(_ what: String) throws(PipelineError) -> YAMLMapping {
        guard case .mapping(let mapping) = node else { throw fail("\(what) must be a mapping of keys to values") }
        var entries: [YAMLMapping.Entry] = []
        for (key, value) in mapping {
            let keyValue = child(key)
            guard case .scalar(let scalar) = key else { throw keyValue.fail("keys of \(what) must be plain names") }
            if let existing = entries.first(where: { $0.key == scalar.string }) {
                throw keyValue.fail(
                    "duplicate key '\(scalar.string)' in \(what) (first at line \(existing.keyLocation.line))")
            }
            entries.append(YAMLMapping.Entry(key: scalar.string, keyLocation: keyValue.location, value: child(value)))
        }
        return YAMLMapping(entries: entries, location: location, what: what)
    }

    /// The node as a sequence.
    func sequence(_ what: String) throws(PipelineError) -> [YAMLValue] {
        guard case .sequence(let sequence) = node else { throw fail("\(what) must be a list") }
        return sequence.map(child)
    }

    /// Whether the node is a sequence.
    var isSequence: Bool {
        if case .sequence = node { return true }
        return false
    }

    /// Whether the node is a mapping.
    var isMapping: Bool {
        if case .mapping = node { return true }
        return false
    }

    /// The scalar's text with `${…}` replaced.
    func string(_ what: String) throws(PipelineError) -> String {
        guard case .scalar(let scalar) = node else {
            throw fail("\(what) must be a single value, not a list or mapping")
        }
        let offsetBase: Int? =
            scalar.style == .plain ? 0 : scalar.style == .singleQuoted || scalar.style == .doubleQuoted ? 1 : nil
        return try interpolator.apply(scalar.string, at: location, offsetBase: offsetBase)
    }

    /// How far the text of a scalar is from the node's mark (1 inside quotes), or `nil` for block scalars.
    var textOffset: Int? {
        guard case .scalar(let scalar) = node else { return nil }
        switch scalar.style {
        case .plain: return 0
        case .singleQuoted, .doubleQuoted: return 1
        default: return nil
        }
    }

    /// A scalar or a list of scalars, as a list of strings.
    func strings(_ what: String) throws(PipelineError) -> [String] {
        if isSequence {
            var values: [String] = []
            for element in try sequence(what) { values.append(try element.string("each entry of \(what)")) }
            return values
        }
        return [try string(what)]
    }

    func integer(_ what: String, in range: ClosedRange<Int>? = nil) throws(PipelineError) -> Int {
        let text = try string(what)
        guard let value = Int(text) else { throw fail("\(what) must be a whole number, not '\(text)'") }
        if let range, !range.contains(value) {
            throw fail("\(what) must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
        }
        return value
    }

    func number(_ what: String) throws(PipelineError) -> Double {
        let text = try string(what)
        guard let value = Double(text), value.isFinite else { throw fail("\(what) must be a number, not '\(text)'") }
        return value
    }

    func boolean(_ what: String) throws(PipelineError) -> Bool {
        let text = try string(what)
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw fail("\(what) must be true or false, not '\(text)'")
        }
    }

    /// One of a fixed set of words.
    func choice(_ what: String, among options: [String]) throws(PipelineError) -> String {
        let text = try string(what)
        guard options.contains(text) else {
            let suggestion = TextFolding.closest(to: text, among: options).map { " (did you mean '\($0)'?)" } ?? ""
            throw fail("unknown \(what) '\(text)'\(suggestion) — expected one of \(options.joined(separator: ", "))")
        }
        return text
    }
}

/// A mapping of the pipeline file, in file order, with checks for unknown and missing keys.
struct YAMLMapping {
    struct Entry {
        var key: String
        var keyLocation: SourceLocation
        var value: YAMLValue
    }

    let entries: [Entry]
    let location: SourceLocation
    let what: String

    subscript(key: String) -> YAMLValue? {
        entries.first { $0.key == key }?.value
    }

    /// Rejects keys outside `allowed`, suggesting the closest allowed key.
    func allow(_ allowed: [String]) throws(PipelineError) {
        for entry in entries where !allowed.contains(entry.key) {
            let suggestion = TextFolding.closest(to: entry.key, among: allowed).map { " (did you mean '\($0)'?)" } ?? ""
            throw PipelineError.invalidPipeline(
                entry.keyLocation,
                "unknown key '\(entry.key)' in \(what)\(suggestion) — expected one of \(allowed.joined(separator: ", "))"
            )
        }
    }

    func required(_ key: String) throws(PipelineError) -> YAMLValue {
        guard let value = self[key] else {
            throw PipelineError.invalidPipeline(location, "\(what) is missing the required key '\(key)'")
        }
        return value
    }
}

extension String {
    func trimmedSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
