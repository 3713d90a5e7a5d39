public import CityNetModel
public import Logging

extension Logger {
    /// Logs a diagnostic at the level its severity means, with its location and stage as metadata.
    public func log(_ diagnostic: Diagnostic, stage: StageID? = nil) {
        var metadata: Metadata = [:]
        if let stage { metadata["stage"] = "\(stage)" }
        if let location = diagnostic.location { metadata["location"] = "\(location)" }
        let level: Logger.Level =
            switch diagnostic.severity {
            case .error: .error
            case .warning: .warning
            case .note: .notice
            }
        log(level: level, "\(diagnostic.message)", metadata: metadata)
    }
}

extension Manifest.Source {
    /// A source's entry from what reading it yielded.
    init(_ report: SourceReport) {
        self.init(
            name: report.name, path: report.path, format: report.format, bytes: report.bytes, sha256: report.sha256,
            dialect: report.dialect.map { dialect in
                Manifest.Dialect(
                    encoding: dialect.encoding.name, delimiter: dialect.delimiterName, quote: dialect.quoteName,
                    escape: dialect.escapeName, header: dialect.hasHeader, headerLine: dialect.headerLine,
                    detected: dialect.detected)
            },
            read: report.statistics.read, accepted: report.statistics.accepted, rejected: report.statistics.rejected,
            warnings: report.statistics.warnings, warningMessages: report.warnings.map(\.description),
            unmappedThemes: report.statistics.unmappedThemes, durationMs: Manifest.milliseconds(report.duration))
    }
}
