public import CityNetModel
import Foundation
import Logging
import PostgresNIO

/// A PostgreSQL database with citynet's schema, for dashboards that several pipelines feed.
///
/// The connection comes from a URL (`postgres://user:password@host:5432/database`). A load runs in one
/// transaction: the pipeline's rows are deleted and reloaded with batched inserts, its aggregate tables replaced and the
/// run recorded; if anything fails, or the connection is lost, the server rolls everything back and the previous
/// data stays. Values are always bound or streamed, never spliced into SQL.
public final class PostgresStore: Sendable {
    private let configuration: PostgresConnection.Configuration
    /// The URL without its password, for messages.
    public let name: String
    private let logger = Logger(label: "citynet.postgres")

    /// Parses a connection URL.
    ///
    /// The connection shows in `pg_stat_activity` as `citynet`, or as the URL's `application_name` query item
    /// (`postgres://…/db?application_name=nightly`), as with libpq.
    ///
    /// - Throws: ``StoreError/refused(database:reason:)`` when the URL is not a PostgreSQL URL.
    public init(url: String) throws(StoreError) {
        guard let components = URLComponents(string: url),
            ["postgres", "postgresql"].contains(components.scheme ?? ""),
            let host = components.host, let user = components.user
        else {
            throw .refused(
                database: url.isEmpty ? "(no URL)" : "(the given URL)",
                reason: "expected postgres://user:password@host:port/database")
        }
        let database = components.path.split(separator: "/").first.map(String.init)
        var configuration = PostgresConnection.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: database,
            tls: .disable)
        configuration.options.connectTimeout = .seconds(10)
        let applicationName = components.queryItems?.first { $0.name == "application_name" }?.value
        configuration.options.additionalStartupParameters = [("application_name", applicationName ?? "citynet")]
        self.configuration = configuration
        name = "postgres://\(user)@\(host):\(components.port ?? 5432)/\(database ?? user)"
    }

    /// Brings the schema up to date and replaces the pipeline's rows, aggregate tables and run record, in one
    /// transaction, computing the tables of `computations` from the new rows inside it.
    ///
    /// - Returns: the computed tables, in the order of `computations`.
    /// - Throws: ``StoreError``; nothing is changed then.
    @discardableResult
    public func replace(_ plan: LoadPlan, computing computations: [any SQLComputation] = []) async throws(StoreError)
        -> [Table]
    {
        try await withConnection { [logger] connection in
            try await connection.withTransaction(logger: logger) { connection -> [Table] in
                try await Self.migrate(connection, logger: logger)
                let pipeline = plan.pipeline
                try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(pipeline)))", logger: logger)
                for table in Schema.dataTables.reversed() {
                    try await connection.query(
                        PostgresQuery(
                            unsafeSQL: "DELETE FROM \(SQLDialect.postgres.quoted(table)) WHERE pipeline = $1",
                            binds: Self.binds([.text(pipeline)])),
                        logger: logger)
                }
                for table in plan.data where !table.rows.isEmpty {
                    try await Self.insert(
                        table.rows, into: table.table, columns: table.columns, connection: connection, logger: logger)
                }
                var computed: [Table] = []
                for computation in computations {
                    var results: [[[Cell]]] = []
                    for statement in computation.statements {
                        results.append(try await Self.rows(statement, connection: connection, logger: logger))
                    }
                    computed.append(computation.table(from: results))
                }
                for aggregate in plan.aggregates + computed {
                    let raw = Schema.aggregateTable(pipeline: pipeline, aggregate: aggregate.name)
                    let table = SQLDialect.postgres.quoted(raw)
                    try await connection.query(
                        PostgresQuery(unsafeSQL: "DROP TABLE IF EXISTS \(table)"), logger: logger)
                    let columns = aggregate.columns.map {
                        "\(SQLDialect.postgres.quoted($0.name)) \(Schema.type(of: $0.kind, dialect: .postgres))"
                    }
                    try await connection.query(
                        PostgresQuery(
                            unsafeSQL:
                                "CREATE TABLE \(table) (row_order BIGINT NOT NULL PRIMARY KEY, \(columns.joined(separator: ", ")))"
                        ),
                        logger: logger)
                    let rows = aggregate.rows.enumerated().map { index, row in
                        [Cell.integer(index)] + Self.storable(row, aggregate.columns)
                    }
                    try await Self.insert(
                        rows, into: raw, columns: ["row_order"] + aggregate.columns.map(\.name), connection: connection,
                        logger: logger)
                }
                let run = plan.run
                try await connection.query(
                    PostgresQuery(
                        unsafeSQL:
                            "INSERT INTO runs (run_id, pipeline, citynet_version, started_at, finished_at, outcome, params) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                        binds: Self.binds(
                            [run.id, pipeline, run.version, run.startedAt, run.finishedAt, run.outcome, run.params].map(
                                Cell.text))),
                    logger: logger)
                return computed
            }
        }
    }

    /// Runs a query and returns its rows as cells.
    ///
    /// - Throws: ``StoreError``.
    public func query(_ statement: SQLStatement) async throws(StoreError) -> [[Cell]] {
        try await withConnection { [logger] connection in
            try await Self.rows(statement, connection: connection, logger: logger)
        }
    }

    private static func rows(_ statement: SQLStatement, connection: PostgresConnection, logger: Logger) async throws
        -> [[Cell]]
    {
        let rows = try await connection.query(
            PostgresQuery(unsafeSQL: statement.text, binds: binds(statement.parameters)), logger: logger)
        var result: [[Cell]] = []
        for try await row in rows { result.append(try row.map(cell)) }
        return result
    }

    /// Brings the schema up to date; concurrent runs wait for each other on an advisory lock.
    private static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(hashtext('citynet_schema'))", logger: logger)
        try await connection.query(
            "CREATE TABLE IF NOT EXISTS citynet_schema (version INTEGER NOT NULL)", logger: logger)
        var current = 0
        for try await (version) in try await connection.query(
            "SELECT COALESCE(MAX(version), 0) FROM citynet_schema", logger: logger
        ).decode(Int.self) {
            current = version
        }
        let migrations = Schema.migrations(.postgres)
        guard current < migrations.count else { return }
        for version in (current + 1)...migrations.count {
            for statement in migrations[version - 1] {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            try await connection.query("INSERT INTO citynet_schema (version) VALUES (\(version))", logger: logger)
        }
        for row in LoadPlan.regions {
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: "INSERT INTO regions (name, code, position) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    binds: binds(row)),
                logger: logger)
        }
    }

    /// Inserts rows in batches of multi-row `INSERT`s with bound parameters.
    ///
    /// (`COPY FROM STDIN` would be faster, but postgres-nio 1.33 does not return from a COPY whose connection the
    /// server closes; a load must fail cleanly when that happens.)
    private static func insert(
        _ rows: [[Cell]], into table: String, columns: [String], connection: PostgresConnection, logger: Logger
    ) async throws {
        guard !columns.isEmpty else { return }
        let batch = max(1, 30_000 / columns.count)
        let names = columns.map(SQLDialect.postgres.quoted).joined(separator: ", ")
        let prefix = "INSERT INTO \(SQLDialect.postgres.quoted(table)) (\(names)) VALUES "
        var start = 0
        while start < rows.count {
            let slice = rows[start..<min(start + batch, rows.count)]
            var text = prefix
            var bindings = PostgresBindings(capacity: slice.count * columns.count)
            var position = 0
            for (index, row) in slice.enumerated() {
                text += index == 0 ? "(" : ", ("
                for (column, cell) in row.enumerated() {
                    position += 1
                    text += (column == 0 ? "$" : ", $") + String(position)
                    append(cell, to: &bindings)
                }
                text += ")"
            }
            try await connection.query(PostgresQuery(unsafeSQL: text, binds: bindings), logger: logger)
            start += batch
        }
    }

    private static func storable(_ row: [Cell], _ columns: [CityNetModel.Column]) -> [Cell] {
        zip(row, columns).map { cell, column in
            if case .dimension = column.kind, cell != .null { return .text(cell.description) }
            return cell
        }
    }

    static func binds(_ cells: [Cell]) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: cells.count)
        for cell in cells { append(cell, to: &bindings) }
        return bindings
    }

    private static func append(_ cell: Cell, to bindings: inout PostgresBindings) {
        switch cell {
        case .text(let text): bindings.append(text)
        case .integer(let value): bindings.append(value)
        case .decimal(let value): bindings.append(value)
        case .null: bindings.appendNull()
        }
    }

    static func cell(_ cell: PostgresCell) throws -> Cell {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int.self))
        case .float4, .float8: return .decimal(try cell.decode(Double.self))
        case .numeric: return .decimal(NSDecimalNumber(decimal: try cell.decode(Decimal.self)).doubleValue)
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        default: return .text(try cell.decode(String.self))
        }
    }

    private func withConnection<Result: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws(StoreError) -> Result {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw classify(error)
        }
        do {
            let result = try await Self.untilClosed(connection) { try await body(connection) }
            try? await connection.close()
            return result
        } catch {
            // Not awaited: closing a connection the server ended can itself wait forever.
            let closing: EventLoopFuture<Void> = connection.close()
            closing.whenComplete { _ in }
            throw classify(error)
        }
    }

    /// The connection closed while a statement was still waiting for its answer.
    struct ConnectionLost: Error {}

    /// How long a statement may still report the server's own reason after the connection closed.
    private static let lastWordDelay = TimeAmount.milliseconds(500)

    /// Runs `body`, but gives up when the connection closes under it.
    ///
    /// When the server ends a connection in the middle of a query (`pg_terminate_backend`, a restart),
    /// postgres-nio can leave the query's task suspended for good. The body runs in its own task; whichever comes
    /// first — its result, or the connection's close (after a short delay that lets the server's error arrive) —
    /// answers, and a body left behind is cancelled.
    private static func untilClosed<Result: Sendable>(
        _ connection: PostgresConnection, _ body: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        let answer = FirstAnswer<Result>()
        return try await withCheckedThrowingContinuation { continuation in
            answer.wait(continuation)
            let work = Task {
                do { answer.give(.success(try await body())) } catch { answer.give(.failure(error)) }
            }
            connection.closeFuture.whenComplete { _ in
                connection.eventLoop.scheduleTask(in: lastWordDelay) {
                    answer.give(.failure(ConnectionLost()))
                    work.cancel()
                }
            }
        }
    }

    /// Sorts a failure into try-again-later (the server is unreachable or the connection was lost) and
    /// will-not-work (credentials, a missing database, a failing statement).
    private func classify(_ error: any Error) -> StoreError {
        var underlying = error
        if let transaction = error as? PostgresTransactionError {
            underlying = transaction.closureError ?? transaction.commitError ?? transaction.beginError ?? error
        }
        if let psql = underlying as? PSQLError {
            if let state = psql.serverInfo?[.sqlState] {
                let message = psql.serverInfo?[.message] ?? state
                switch state {
                case "28P01", "28000": return .refused(database: name, reason: "authentication failed: \(message)")
                case "3D000": return .refused(database: name, reason: "the database does not exist: \(message)")
                case "57P01", "57P02", "57P03", "08006", "08003": return .unavailable(database: name, reason: message)
                default: return .failed(database: name, reason: "\(message) (SQLSTATE \(state))")
                }
            }
            switch psql.code {
            case .connectionError, .uncleanShutdown, .serverClosedConnection, .clientClosedConnection:
                return .unavailable(database: name, reason: "the connection was lost or refused (\(psql.code))")
            default:
                return .unavailable(database: name, reason: "\(psql.code)")
            }
        }
        if underlying is ConnectionLost {
            return .unavailable(database: name, reason: "the connection was lost in the middle of a statement")
        }
        return .unavailable(database: name, reason: "\(underlying)")
    }
}

/// Resumes a continuation with the first result given, once; later results are dropped.
private final class FirstAnswer<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value, any Error>?
    private var answered = false

    func wait(_ continuation: CheckedContinuation<Value, any Error>) {
        lock.withLock { self.continuation = continuation }
    }

    func give(_ result: Result<Value, any Error>) {
        let waiting = lock.withLock { () -> CheckedContinuation<Value, any Error>? in
            guard !answered else { return nil }
            answered = true
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(with: result)
    }
}

extension PostgresRow {
    fileprivate func map(_ transform: (PostgresCell) throws -> Cell) rethrows -> [Cell] {
        var cells: [Cell] = []
        for cell in self { cells.append(try transform(cell)) }
        return cells
    }
}
