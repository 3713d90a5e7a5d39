public import CityNetModel
import Foundation
import GRDB

/// An SQLite database file with citynet's schema (the embedded default sink).
///
/// A load replaces the pipeline's rows in one transaction, so readers (Datasette, Superset, a dashboard) see
/// either the previous run or the new one, never half of one.
public final class SQLiteStore: Sendable {
    private let queue: DatabaseQueue
    private let path: String

    /// Opens (or creates) a database file and brings its schema up to date.
    ///
    /// - Throws: ``StoreError`` when the file cannot be opened or migrated.
    public init(path: String) throws(StoreError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.write { db in try Self.migrate(db) }
        } catch {
            throw .refused(database: path, reason: Self.describe(error))
        }
    }

    private static func migrate(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS citynet_schema (version INTEGER NOT NULL)")
        let current = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM citynet_schema") ?? 0
        let migrations = Schema.migrations(.sqlite)
        guard current < migrations.count else { return }
        for version in (current + 1)...migrations.count {
            for statement in migrations[version - 1] { try db.execute(sql: statement) }
            try db.execute(sql: "INSERT INTO citynet_schema (version) VALUES (?)", arguments: [version])
        }
        for row in LoadPlan.regions {
            try db.execute(
                sql: "INSERT OR IGNORE INTO regions (name, code, position) VALUES (?, ?, ?)", arguments: arguments(row))
        }
    }

    /// Replaces the pipeline's rows, aggregate tables and run record, in one transaction, computing the tables
    /// of `computations` from the new rows inside it.
    ///
    /// - Returns: the computed tables, in the order of `computations`.
    /// - Throws: ``StoreError``; the transaction is then rolled back and the previous data stays.
    @discardableResult
    public func replace(_ plan: LoadPlan, computing computations: [any SQLComputation] = []) throws(StoreError)
        -> [CityNetModel.Table]
    {
        do {
            return try queue.write { db in
                let pipeline: StatementArguments = [plan.pipeline]
                for table in Schema.dataTables.reversed() {
                    try db.execute(
                        sql: "DELETE FROM \(SQLDialect.sqlite.quoted(table)) WHERE pipeline = ?", arguments: pipeline)
                }
                for table in plan.data where !table.rows.isEmpty {
                    let columns = table.columns.map(SQLDialect.sqlite.quoted).joined(separator: ", ")
                    let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
                    let statement = try db.makeStatement(
                        sql:
                            "INSERT INTO \(SQLDialect.sqlite.quoted(table.table)) (\(columns)) VALUES (\(placeholders))"
                    )
                    for row in table.rows { try statement.execute(arguments: Self.arguments(row)) }
                }
                var computed: [CityNetModel.Table] = []
                for computation in computations {
                    let results = try computation.statements.map { statement in
                        try Row.fetchAll(db, sql: statement.text, arguments: Self.arguments(statement.parameters)).map {
                            row in
                            Array(row.databaseValues.map(Self.cell))
                        }
                    }
                    computed.append(computation.table(from: results))
                }
                for aggregate in plan.aggregates + computed {
                    let name = SQLDialect.sqlite.quoted(
                        Schema.aggregateTable(pipeline: plan.pipeline, aggregate: aggregate.name))
                    try db.execute(sql: "DROP TABLE IF EXISTS \(name)")
                    let columns = aggregate.columns.map {
                        "\(SQLDialect.sqlite.quoted($0.name)) \(Schema.type(of: $0.kind, dialect: .sqlite))"
                    }
                    try db.execute(
                        sql:
                            "CREATE TABLE \(name) (row_order INTEGER NOT NULL PRIMARY KEY, \(columns.joined(separator: ", ")))"
                    )
                    let placeholders = Array(repeating: "?", count: aggregate.columns.count + 1).joined(separator: ", ")
                    let insert = try db.makeStatement(sql: "INSERT INTO \(name) VALUES (\(placeholders))")
                    for (index, row) in aggregate.rows.enumerated() {
                        try insert.execute(
                            arguments: Self.arguments([.integer(index)] + Self.storable(row, aggregate.columns)))
                    }
                }
                let run = plan.run
                try db.execute(
                    sql:
                        "INSERT INTO runs (run_id, pipeline, citynet_version, started_at, finished_at, outcome, params) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [
                        run.id, plan.pipeline, run.version, run.startedAt, run.finishedAt, run.outcome, run.params,
                    ])
                return computed
            }
        } catch {
            throw .failed(database: path, reason: Self.describe(error))
        }
    }

    /// Runs a query and returns its rows as cells.
    ///
    /// - Throws: ``StoreError/failed(database:reason:)``.
    public func query(_ statement: SQLStatement) throws(StoreError) -> [[Cell]] {
        do {
            return try queue.read { db in
                try Row.fetchAll(db, sql: statement.text, arguments: Self.arguments(statement.parameters)).map { row in
                    Array(row.databaseValues.map(Self.cell))
                }
            }
        } catch {
            throw .failed(database: path, reason: Self.describe(error))
        }
    }

    /// Cells as they are stored: text in dimension columns (years and SDGs included), numbers in the others.
    static func storable(_ row: [Cell], _ columns: [CityNetModel.Column]) -> [Cell] {
        zip(row, columns).map { cell, column in
            if case .dimension = column.kind, cell != .null { return .text(cell.description) }
            return cell
        }
    }

    static func arguments(_ cells: [Cell]) -> StatementArguments {
        StatementArguments(
            cells.map { cell -> (any DatabaseValueConvertible)? in
                switch cell {
                case .text(let text): text
                case .integer(let value): Int64(value)
                case .decimal(let value): value
                case .null: nil
                }
            })
    }

    static func cell(_ value: DatabaseValue) -> Cell {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(Int(number))
        case .double(let number): .decimal(number)
        case .string(let text): .text(text)
        case .blob(let data): .text(String(decoding: data, as: UTF8.self))
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error)" }
        return "\(error)"
    }
}
