import CityNetModel

/// A table as a report shows it: a caption, column headings and formatted cells, the first column heading its row.
struct HTMLTable {
    struct Column {
        var title: String
        /// Numbers are right-aligned, in their heading too.
        var isNumeric: Bool
    }

    var caption: String
    var columns: [Column]
    /// Formatted cells, one per column.
    var rows: [[String]]
    /// A `Total` row, shown apart below the others.
    var totals: [String]?

    /// A table whose cells are already formatted.
    init(caption: String, columns: [Column], rows: [[String]], totals: [String]? = nil) {
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.totals = totals
    }

    /// An aggregate's table, with headings and values as the charts write them (`Year joined`, `1,250`, `12.5%`).
    init(_ table: Table, caption: String) {
        let decimals = table.columns.indices.map { index in
            ChartNumber.decimals(
                for: table.rows.compactMap { index < $0.count ? $0[index].number : nil }.filter(\.isFinite))
        }
        self.caption = caption
        columns = table.columns.map { column in
            let isNumeric = if case .dimension = column.kind { false } else { true }
            return Column(title: ChartLabels.axisTitle(column: column), isNumeric: isNumeric)
        }
        rows = table.rows.map { row in
            zip(table.columns, decimals).enumerated().map { index, pair in
                HTMLTable.format(index < row.count ? row[index] : .null, kind: pair.0.kind, decimals: pair.1)
            }
        }
        totals = table.hasTotalRow ? rows.popLast() : nil
    }

    /// Writes the table inside a wrapper that scrolls sideways when the table is wider than the page.
    ///
    /// Cells keep to one line, so a narrow screen scrolls the table rather than squeezing every name onto several
    /// lines; a column with a long text wraps within a fixed width.
    ///
    /// - Parameters:
    ///   - html: The document to write into.
    ///   - id: A unique id for the caption, which names the scrolling region.
    func write(into html: inout HTMLBuilder, id: String) {
        let classes = columns.indices.map { index -> String? in
            if columns[index].isNumeric { return "num" }
            let longest = (rows + [totals ?? []]).map { index < $0.count ? $0[index].count : 0 }.max() ?? 0
            return longest > HTMLTable.longText ? "wrap" : nil
        }
        html.open("div", ["class": "table-wrap", "role": "region", "aria-labelledby": id, "tabindex": "0"])
        html.open("table")
        html.element("caption", caption, ["id": id])
        html.open("thead")
        let headings = zip(columns, classes).map { column, cellClass in
            HTMLBuilder.inline("th", column.title, cellClass.map { ["scope": "col", "class": $0] } ?? ["scope": "col"])
        }
        html.element("tr", markup: headings.joined())
        html.close("thead")
        html.open("tbody")
        for row in rows { html.element("tr", markup: cells(of: row, classes: classes)) }
        html.close("tbody")
        if let totals {
            html.open("tfoot")
            html.element("tr", markup: cells(of: totals, classes: classes))
            html.close("tfoot")
        }
        html.close("table")
        html.close("div")
    }

    /// Characters past which a text column wraps.
    private static let longText = 24

    /// A row's cells, the first one heading the row.
    private func cells(of row: [String], classes: [String?]) -> String {
        zip(row, classes).enumerated().map { index, pair in
            let (value, cellClass) = pair
            switch (index, cellClass) {
            case (0, let cellClass?): return HTMLBuilder.inline("th", value, ["scope": "row", "class": cellClass])
            case (0, nil): return HTMLBuilder.inline("th", value, ["scope": "row"])
            case (_, let cellClass?): return HTMLBuilder.inline("td", value, ["class": cellClass])
            case (_, nil): return HTMLBuilder.inline("td", value)
            }
        }.joined()
    }

    /// A cell as text: dimension values by name (`SDG 4: Quality education`, `Unknown`), numbers grouped, and
    /// nothing for a null or a number that is not finite.
    static func format(_ cell: Cell, kind: ColumnKind, decimals: Int) -> String {
        if case .dimension(let dimension) = kind { return ChartLabels.category(cell, dimension: dimension).name }
        guard let number = cell.number, number.isFinite else { return cell.description }
        return ChartLabels.value(number, kind: kind, decimals: decimals)
    }
}
