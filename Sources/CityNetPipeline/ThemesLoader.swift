import CityNetModel
import Foundation
import Yams

/// Reads a theme vocabulary file: `themes:` mapping each canonical theme to its synonyms.
enum ThemesLoader {
    static func load(path: String, displayPath: String, definedAt: SourceLocation) throws(PipelineError)
        -> ThemeVocabulary
    {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw .invalidPipeline(definedAt, "themes file not found or not UTF-8: \(displayPath)")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic)
        } catch {
            var location = SourceLocation(file: displayPath)
            if case .scanner(_, _, let mark, _) = error as? YamlError {
                location = SourceLocation(file: displayPath, line: mark.line, column: mark.column)
            }
            if case .parser(_, _, let mark, _) = error as? YamlError {
                location = SourceLocation(file: displayPath, line: mark.line, column: mark.column)
            }
            throw .invalidReference(location, "YAML syntax error in the themes file")
        }
        guard let root else { throw .invalidReference(SourceLocation(file: displayPath), "the themes file is empty") }
        let document = YAMLValue(
            node: root, file: displayPath, interpolator: Interpolator(parameters: [:], environment: [:]))
        let top = try document.mapping("the themes file")
        try top.allow(["themes"])
        var vocabulary = ThemeVocabulary()
        let entries = try top.required("themes").mapping("themes").entries
        guard entries.count <= ThemeSet.capacity else {
            throw .invalidReference(
                SourceLocation(file: displayPath),
                "the themes file lists \(entries.count) themes; at most \(ThemeSet.capacity) are supported")
        }
        for entry in entries {
            let synonyms: [String]
            if entry.value.node.null != nil {
                synonyms = []
            } else {
                synonyms = try entry.value.strings("the synonyms of '\(entry.key)'")
            }
            do {
                try vocabulary.add(theme: entry.key, synonyms: synonyms)
            } catch {
                guard case .ambiguous(let term, let first, let second) = error else { continue }
                throw .invalidReference(
                    entry.value.location, "'\(term)' is listed under both '\(first)' and '\(second)'")
            }
        }
        return vocabulary
    }
}
