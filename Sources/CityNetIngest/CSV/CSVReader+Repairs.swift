import CityNetModel

// What reading rows repaired or skipped, counted by kind and reported at the end.
extension CSVReader {
    /// What reading rows repaired or skipped.
    enum Repair: CaseIterable {
        case trailingDelimiter
        case trailingEmptyFields
        case linesOfSpaces
        case linesOfNULs
        case commentLines
        case rowsLikeComments
        case hashRows
        case blankRows
        case emptyRows
        case footerNotes
        case nulBytes
        case repeatedHeader
        case reorderedHeader
        case otherDelimiterHeader
        case ruleRows
        case unitsRows
        case totalsRows
        case balanceRows
        case joinedByteOrderMark
    }

    /// Counts a repaired row or a skipped line.
    func note(_ repair: Repair, line: Int) {
        var entry = repairs[repair] ?? (0, [])
        entry.count += 1
        if entry.lines.count < 5 { entry.lines.append(line) }
        repairs[repair] = entry
    }

    /// Warns of each kind of repaired row and skipped line, at the first of them, listing the first few;
    /// `footerNote` is the first note skipped below the table.
    func reportRepairs(footerNote: String?) {
        if source.replacedUnits > 0 {
            let count = source.replacedUnits
            warnings.append(
                Diagnostic(
                    .warning,
                    "\(count) code unit\(count == 1 ? " is" : "s are") no Unicode character (an unpaired surrogate, or an odd byte at the end of UTF-16): read as U+FFFD (\u{FFFD})",
                    at: SourceLocation(file: displayPath)))
        }
        let belowHeader = headerValues.isEmpty ? "" : " below the header"
        for repair in Repair.allCases {
            guard let (count, lines) = repairs[repair], let first = lines.first else { continue }
            let listed = lines.map(String.init).joined(separator: ", ") + (count > lines.count ? "…" : "")
            let message =
                switch repair {
                case .trailingDelimiter:
                    "\(count) row\(count == 1 ? " ends" : "s end") with a delimiter beyond the header's \(header.count) columns; read without the empty field after it"
                case .trailingEmptyFields:
                    "\(count) row\(count == 1 ? " ends" : "s end") with empty fields beyond the header's \(header.count) columns; read without them (line\(count == 1 ? "" : "s") \(listed))"
                case .linesOfSpaces:
                    "\(count) line\(count == 1 ? " holds" : "s hold") only spaces or tabs: skipped as blank (line\(count == 1 ? "" : "s") \(listed))"
                case .linesOfNULs:
                    "\(count) line\(count == 1 ? " holds" : "s hold") only NUL bytes: skipped (line\(count == 1 ? "" : "s") \(listed))"
                case .blankRows:
                    "\(count) line\(count == 1 ? " holds" : "s hold") only delimiters, as spreadsheets write an empty row: skipped as blank (line\(count == 1 ? "" : "s") \(listed))"
                case .emptyRows:
                    "\(count) row\(count == 1 ? " holds" : "s hold") only empty fields (line\(count == 1 ? "" : "s") \(listed))"
                case .footerNotes:
                    "\(count) line\(count == 1 ? "" : "s") below the table \(count == 1 ? "reads" : "read") as notes, not rows: skipped (line\(count == 1 ? "" : "s") \(listed); \(footerNote.map { "'\($0)'" } ?? ""))"
                case .joinedByteOrderMark:
                    "\(count) row\(count == 1 ? " starts" : "s start") with a byte order mark (U+FEFF), as where files were joined: left out of the first value (line\(count == 1 ? "" : "s") \(listed))"
                case .repeatedHeader:
                    "\(count) row\(count == 1 ? " repeats" : "s repeat") the header, as where files were joined: skipped (line\(count == 1 ? "" : "s") \(listed))"
                case .totalsRows:
                    "the table ends with \(count) row\(count == 1 ? " that reads as a total" : "s that read as totals") of the rows above (Total, Grand total, Insgesamt, Transactions Total…): read as \(count == 1 ? "a row" : "rows"), as written; leave \(count == 1 ? "it" : "them") out before adding up (line\(count == 1 ? "" : "s") \(listed))"
                case .balanceRows:
                    "the table ends with \(count) row\(count == 1 ? " that states" : "s that state") a balance (Anfangssaldo, Endsaldo, Closing balance…): read as \(count == 1 ? "a row" : "rows"), as written; leave \(count == 1 ? "it" : "them") out before adding up (line\(count == 1 ? "" : "s") \(listed))"
                case .ruleRows:
                    "\(count) row\(count == 1 ? " is a rule" : "s are rules") of dashes, as database tools print under a header (-----,-----): skipped (line\(count == 1 ? "" : "s") \(listed))"
                case .unitsRows:
                    "\(count) row\(count == 1 ? " holds" : "s hold") a word alone in column \((unitsRow?.column ?? 0) + 1), as the units row under the header does ('\(unitsRow?.word ?? "")'): skipped as units between sections of the table (line\(count == 1 ? "" : "s") \(listed))"
                case .otherDelimiterHeader:
                    "\(count) row\(count == 1 ? " repeats" : "s repeat") the header with another delimiter, as where files of two locales were joined: skipped, and the rows below \(count == 1 ? "it" : "each") split by that delimiter (line\(count == 1 ? "" : "s") \(listed))"
                case .reorderedHeader:
                    "\(count) row\(count == 1 ? " repeats" : "s repeat") the header's names in another order, as where files were joined: skipped, and the rows below \(count == 1 ? "it" : "each") read by name (line\(count == 1 ? "" : "s") \(listed))"
                case .nulBytes:
                    "\(count) row\(count == 1 ? " holds" : "s hold") NUL bytes (0x00) in \(count == 1 ? "its" : "their") values, which no text has: read with them (line\(count == 1 ? "" : "s") \(listed))"
                case .rowsLikeComments:
                    "\(count) row\(count == 1 ? "" : "s")\(belowHeader) start\(count == 1 ? "s" : "") with \(detectedComment.map(Self.text) ?? "#"), as the comments above it do, and \(count == 1 ? "has" : "have") the table's \(header.count) fields: read as row\(count == 1 ? "" : "s") (line\(count == 1 ? "" : "s") \(listed))"
                case .hashRows:
                    "\(count) row\(count == 1 ? " starts" : "s start") with #, as rows commented out do: read as row\(count == 1 ? "" : "s") (comment: '#' skips them) (line\(count == 1 ? "" : "s") \(listed))"
                case .commentLines:
                    "\(count) line\(count == 1 ? "" : "s")\(belowHeader) start\(count == 1 ? "s" : "") with \(detectedComment.map(Self.text) ?? "#") and \(count == 1 ? "is" : "are") no row (a space after it, or not the table's \(header.count) fields): skipped as comment\(count == 1 ? "" : "s") (line\(count == 1 ? "" : "s") \(listed))"
                }
            warnings.append(Diagnostic(.warning, message, at: SourceLocation(file: displayPath, line: first)))
        }
    }
}
