public import CityNetAggregate
public import CityNetEmit
public import CityNetIngest
public import CityNetModel
public import CityNetNormalize
import Foundation

/// A pipeline file, decoded, checked and with its parameters applied.
public struct PipelineSpec: Sendable {
    /// The pipeline's name.
    public var name: String
    /// What it produces, in a sentence.
    public var description: String
    /// The pipeline file as the user named it.
    public var file: String
    /// The SHA-256 of the pipeline file's text.
    public var fileSHA256: String
    /// The parameters after `--param` overrides, in file order.
    public var parameters: [(name: String, value: String)]
    /// The output folder, relative to the output root.
    public var output: String
    /// The reference files: countries, themes, city aliases.
    public var reference: ReferenceFiles
    /// The sources, in file order.
    public var sources: [SourceSpec]
    /// The views, each after the views it reads.
    public var views: [ViewSpec]
    /// The aggregates, in file order.
    public var aggregates: [AggregateEntry]
    /// The outputs, in file order.
    public var outputs: [OutputSpec]
    /// The database the run loads, if any.
    public var database: DatabaseSpec?
    /// Each stage's part of the pipeline file after interpolation, as canonical text: what its fingerprint
    /// covers.
    public var definitions: [StageID: String]
}

/// A named subset of a source's records (or of another view's), which aggregates read like a source.
public struct ViewSpec: Sendable {
    /// The view's name.
    public var name: String
    /// The source or view it selects from.
    public var base: String
    /// Which records it keeps.
    public var filter: CityNetAggregate.Predicate
    /// The kind of its records (its base source's).
    public var entity: EntityKind
    /// Where the pipeline file defines it.
    public var definedAt: SourceLocation
}

/// Where aggregates are computed.
public enum AggregateEngineKind: String, Sendable, Hashable, CaseIterable {
    /// In memory, over the normalised dataset.
    case memory
    /// In the database, by the SQL the aggregate compiles to.
    case sql
}

/// The database a pipeline loads: an SQLite file (the default) or a PostgreSQL server.
public struct DatabaseSpec: Sendable {
    /// The kinds of database.
    public enum Sink: Sendable, Hashable {
        /// An SQLite file, relative to the output folder unless absolute.
        case sqlite(path: String)
        /// A PostgreSQL server at a URL.
        case postgres(url: String)

        /// The sink as messages and fingerprints show it: a PostgreSQL URL loses its password.
        public var redacted: String {
            switch self {
            case .sqlite(let path):
                return "sqlite:\(path)"
            case .postgres(let url):
                guard var components = URLComponents(string: url), components.password != nil else { return url }
                components.password = nil
                return components.string ?? "postgres"
            }
        }
    }

    /// The database.
    public var sink: Sink
    /// Where aggregates are computed unless they say otherwise.
    public var engine: AggregateEngineKind
    /// Where the pipeline file defines it.
    public var definedAt: SourceLocation
}

/// The reference files a pipeline names; `nil` for the built-in countries, no themes, no city aliases.
public struct ReferenceFiles: Sendable, Hashable {
    /// A CSV that overrides or extends the built-in country table.
    public var countries: ReferenceFile?
    /// The theme vocabulary (YAML).
    public var themes: ReferenceFile?
    /// City name aliases (CSV: alias, city, country).
    public var cities: ReferenceFile?

    /// The files in the order they are read.
    public var all: [(kind: String, file: ReferenceFile)] {
        [("countries", countries), ("themes", themes), ("cities", cities)].compactMap { kind, file in
            file.map { (kind, $0) }
        }
    }
}

/// A reference file named in the pipeline file.
public struct ReferenceFile: Sendable, Hashable {
    /// The path as written (after interpolation).
    public var path: String
    /// Where the pipeline file names it.
    public var definedAt: SourceLocation
}

/// How a source's file is read.
public enum SourceFormat: Sendable {
    /// CSV with its options and the columns the mapping reads.
    case csv(CSVOptions, columns: [CSVColumnReference])
    /// XML with its record path and the field paths the mapping reads.
    case xml(record: XMLRecordPath, fields: [XMLFieldPath])

    /// `csv` or `xml`.
    public var name: String {
        switch self {
        case .csv: "csv"
        case .xml: "xml"
        }
    }

    /// How many paths (columns or field paths) each record hands over.
    var pathCount: Int {
        switch self {
        case .csv(_, let columns): columns.count
        case .xml(_, let fields): fields.count
        }
    }
}

/// A source of the pipeline: a feed file and how its records map to entities.
public struct SourceSpec: Sendable {
    /// The source's name.
    public var name: String
    /// The input file as written (after interpolation).
    public var path: String
    /// How it is read.
    public var format: SourceFormat
    /// How its records map to entity fields.
    public var mapping: SourceMapping
    /// The share of records that may be rejected before the run fails (0-1), if limited.
    public var maxRejectRate: Double?
    /// Where the pipeline file defines it.
    public var definedAt: SourceLocation
}

/// An aggregate with where it is defined.
public struct AggregateEntry: Sendable {
    /// The aggregate.
    public var spec: AggregateSpec
    /// Where it is computed when the aggregate says so (otherwise the database's default).
    public var engine: AggregateEngineKind?
    /// Where the pipeline file defines it.
    public var definedAt: SourceLocation
}

/// One entry of `outputs`.
public struct OutputSpec: Sendable {
    /// What is written.
    public enum Kind: Sendable {
        /// An aggregate's table in one or more formats (JSON with its JSON Schema beside it).
        case table(aggregate: String, formats: [TableFormat], csv: CSVTableWriter.Options)
        /// A chart of an aggregate.
        case chart(aggregate: String, ChartSpec)
        /// A self-contained HTML page with every chart and table of the pipeline.
        case report(ReportSpec)
    }

    /// What is written.
    public var kind: Kind
    /// The file path relative to the output folder (without extension for tables).
    public var path: String
    /// Where the pipeline file defines it.
    public var definedAt: SourceLocation

    /// The files the output produces, relative to the output folder.
    public var files: [String] {
        switch kind {
        case .table(_, let formats, _):
            formats.flatMap { $0 == .json ? ["\(path).json", "\(path).schema.json"] : ["\(path).\($0.rawValue)"] }
        case .chart(_, let chart):
            chart.formats.map { $0 == .svg ? path : String(path.dropLast(4)) + ".vl.json" }
        case .report: [path]
        }
    }

    /// The aggregate the output draws from; `nil` for a report, which draws from all of them.
    public var aggregate: String? {
        switch kind {
        case .table(let aggregate, _, _), .chart(let aggregate, _): aggregate
        case .report: nil
        }
    }
}

/// An HTML report: its title and the headline figures it shows above the charts and tables.
public struct ReportSpec: Sendable {
    /// A headline figure: the sum of an aggregate's column, or its value in one row.
    public struct Headline: Sendable {
        /// What the figure counts (`Member cities`).
        public var label: String
        /// The aggregate and column it comes from.
        public var aggregate: String
        public var column: String
        /// The row whose first column has this value; all rows summed when `nil`.
        public var row: String?
    }

    /// The page title.
    public var title: String
    /// The line under it.
    public var subtitle: String?
    /// The headline figures, in order.
    public var headlines: [Headline]
}

/// The table formats citynet writes.
public enum TableFormat: String, Sendable, Hashable, CaseIterable {
    case csv
    case json
}
