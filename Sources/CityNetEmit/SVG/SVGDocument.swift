/// Builds SVG text with escaped content and rounded coordinates, so output is safe and byte-stable.
struct SVGDocument {
    private(set) var text = ""
    private var indent = 1

    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        line("<\(name)\(render(attributes))>")
        indent += 1
    }

    mutating func close(_ name: String) {
        indent -= 1
        line("</\(name)>")
    }

    mutating func empty(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        line("<\(name)\(render(attributes))/>")
    }

    /// An element holding text, with an optional tooltip (`<title>`) child.
    mutating func text(_ content: String, _ attributes: KeyValuePairs<String, String>, tooltip: String? = nil) {
        var element = "<text\(render(attributes))>"
        if let tooltip { element += "<title>\(escape(tooltip))</title>" }
        element += "\(escape(content))</text>"
        line(element)
    }

    /// A text element of several lines (`tspan`s one line-height apart).
    mutating func lines(
        _ content: [String], lineHeight: Double, _ attributes: KeyValuePairs<String, String>, x: Double,
        tooltip: String? = nil
    ) {
        guard content.count > 1 else { return text(content.first ?? "", attributes, tooltip: tooltip) }
        var element = "<text\(render(attributes))>"
        if let tooltip { element += "<title>\(escape(tooltip))</title>" }
        for (index, part) in content.enumerated() {
            let dy = index == 0 ? "0" : SVGDocument.number(lineHeight)
            element += "<tspan x=\"\(SVGDocument.number(x))\" dy=\"\(dy)\">\(escape(part))</tspan>"
        }
        element += "</text>"
        line(element)
    }

    /// An element with a `<title>` child (a tooltip and an accessible label).
    mutating func titled(_ name: String, _ attributes: KeyValuePairs<String, String>, title: String) {
        line("<\(name)\(render(attributes))><title>\(escape(title))</title></\(name)>")
    }

    mutating func raw(_ content: String) { line(content) }

    private mutating func line(_ content: String) {
        text += String(repeating: "  ", count: indent) + content + "\n"
    }

    private func render(_ attributes: KeyValuePairs<String, String>) -> String {
        attributes.map { " \($0.key)=\"\(escape($0.value))\"" }.joined()
    }

    /// Escapes text for XML content and attribute values.
    func escape(_ text: String) -> String { SVGDocument.escape(text) }

    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default:
                // Characters XML 1.0 forbids are dropped rather than breaking the document.
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" { continue }
                if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// A coordinate rounded to one decimal, without a trailing `.0`.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        let tenths = Int((abs(rounded) * 10).rounded()) % 10
        let whole = Int(abs(rounded))
        return (rounded < 0 ? "-" : "") + "\(whole).\(tenths)"
    }
}
