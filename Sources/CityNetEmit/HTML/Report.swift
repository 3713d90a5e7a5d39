public import CityNetModel

/// What an HTML report shows: a title, headline figures, a section per aggregate with its charts and table, and how
/// the data was made.
public struct Report: Sendable {
    /// A figure shown large at the top (`Member cities: 210`).
    public struct Headline: Sendable, Hashable {
        /// What the figure counts.
        public var label: String
        /// The figure.
        public var value: Double
        /// How the figure is formatted (a count, a decimal, a percent).
        public var kind: ColumnKind

        /// Creates a headline figure.
        public init(label: String, value: Double, kind: ColumnKind = .count) {
            self.label = label
            self.value = value
            self.kind = kind
        }
    }

    /// A chart as the report shows it: the SVG inlined, with its description under it.
    public struct Figure: Sendable {
        /// The chart's SVG bytes, inlined as they are.
        public var svg: [UInt8]
        /// A sentence under the chart (its accessible description).
        public var caption: String

        /// Creates a figure.
        public init(svg: [UInt8], caption: String) {
            self.svg = svg
            self.caption = caption
        }
    }

    /// One aggregate of the report: its charts, then its table.
    public struct Section: Sendable {
        /// The heading of the section.
        public var title: String
        /// The charts drawn from the aggregate, in the order of the pipeline's outputs.
        public var figures: [Figure]
        /// The aggregate's table, when an output writes it.
        public var table: Table?
        /// The table's caption (its rows and the files that hold it).
        public var tableCaption: String

        /// Creates a section.
        public init(title: String, figures: [Figure] = [], table: Table? = nil, tableCaption: String = "") {
            self.title = title
            self.figures = figures
            self.table = table
            self.tableCaption = tableCaption
        }
    }

    /// A source as the "data and method" section lists it.
    public struct Source: Sendable, Hashable {
        public var name: String
        public var path: String
        public var format: String
        public var bytes: Int
        public var sha256: String
        public var read: Int
        public var accepted: Int
        public var rejected: Int
        public var warnings: Int

        /// Creates a source entry.
        public init(
            name: String, path: String, format: String, bytes: Int, sha256: String, read: Int, accepted: Int,
            rejected: Int, warnings: Int
        ) {
            self.name = name
            self.path = path
            self.format = format
            self.bytes = bytes
            self.sha256 = sha256
            self.read = read
            self.accepted = accepted
            self.rejected = rejected
            self.warnings = warnings
        }
    }

    /// The page title and first heading.
    public var title: String
    /// A line under the title (the year, the network).
    public var subtitle: String?
    /// The headline figures, in order.
    public var headlines: [Headline]
    /// A section per aggregate, in the order the pipeline's outputs first name them.
    public var sections: [Section]
    /// Every source read, with its counts and SHA-256.
    public var sources: [Source]
    /// Values of the theme vocabulary's `unmapped` bucket, with their counts.
    public var unmappedThemes: [String: Int]
    /// Rows of rejects.csv.
    public var rejects: Int
    /// The pipeline file and its parameters.
    public var pipelineFile: String
    public var parameters: [(name: String, value: String)]
    /// When the data was generated (ISO 8601) and by which citynet version.
    public var generatedAt: String
    public var version: String

    /// Creates a report.
    public init(
        title: String, subtitle: String?, headlines: [Headline], sections: [Section], sources: [Source],
        unmappedThemes: [String: Int], rejects: Int, pipelineFile: String, parameters: [(name: String, value: String)],
        generatedAt: String, version: String
    ) {
        self.title = title
        self.subtitle = subtitle
        self.headlines = headlines
        self.sections = sections
        self.sources = sources
        self.unmappedThemes = unmappedThemes
        self.rejects = rejects
        self.pipelineFile = pipelineFile
        self.parameters = parameters
        self.generatedAt = generatedAt
        self.version = version
    }
}
