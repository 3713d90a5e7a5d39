import CityNetModel
import CityNetPipeline
import CityNetStore
import CityNetTestSupport
import Foundation
import Testing

/// The database sinks: SQLite always, PostgreSQL when `CITYNET_TEST_DATABASE_URL` names a server (`.ci/run`
/// starts one; elsewhere these tests say they are skipped).
struct DatabaseTests {
    let root = TestPaths.packageRoot()
    static let postgresURL = ProcessInfo.processInfo.environment["CITYNET_TEST_DATABASE_URL"]

    func run(_ pipeline: String, output: URL, engine: AggregateEngineKind? = nil, database: DatabaseSpec.Sink?)
        async throws -> RunReport
    {
        let spec = try PipelineLoader().load(path: root.appendingPathComponent(pipeline).path, displayPath: pipeline)
        let options = RunOptions(root: root, outputRoot: output, engine: engine, database: database)
        return try await PipelineRunner(spec: spec, options: options).run()
    }

    @Test func everyGNLCAggregateIsTheSameInMemoryAndInSQLite() async throws {
        let output = TestPaths.temporaryFolder("db")
        defer { try? FileManager.default.removeItem(at: output) }
        let memory = try await run(
            "Pipelines/gnlc-annual.yml", output: output, database: .sqlite(path: "citynet.sqlite"))
        let sql = try await run(
            "Pipelines/gnlc-annual.yml", output: output, engine: .sql, database: .sqlite(path: "citynet.sqlite"))
        #expect(memory.tables == sql.tables)
        let store = try SQLiteStore(path: memory.outputFolder.appendingPathComponent("citynet.sqlite").path)
        let counts = try store.query(
            SQLStatement("SELECT COUNT(*) FROM memberships WHERE pipeline = ?", parameters: [.text("gnlc-annual")]))
        #expect(counts == [[.integer(210)]], "a rerun replaces the pipeline's rows instead of adding to them")
        let runs = try store.query(SQLStatement("SELECT COUNT(*) FROM runs"))
        #expect(runs == [[.integer(2)]])
        // A `--database` run keeps what only the database reads: every initiative's id and title.
        let initiatives = try store.query(
            SQLStatement(
                "SELECT COUNT(*), COUNT(DISTINCT id), SUM(id = ''), SUM(title <> '') FROM initiatives WHERE pipeline = ?",
                parameters: [.text("gnlc-annual")]))
        let loaded = initiatives.first ?? []
        #expect(loaded.count == 4 && loaded[0] == loaded[1] && loaded[2] == .integer(0))
        #expect((loaded.last?.number ?? 0) > 0, "titles are loaded")
        let table = try store.query(
            SQLStatement("SELECT region, cities FROM \"gnlc-annual__members_by_region\" ORDER BY row_order"))
        #expect(table.first == [.text("Africa"), .integer(4)])
    }

    @Test(
        .enabled(if: postgresURL != nil, "CITYNET_TEST_DATABASE_URL is not set (.ci/run starts a PostgreSQL server)"),
        .timeLimit(.minutes(4)))
    func postgresHoldsTheSameTablesAndNoDuplicatesAfterARerun() async throws {
        let url = try #require(Self.postgresURL)
        let output = TestPaths.temporaryFolder("pg")
        defer { try? FileManager.default.removeItem(at: output) }
        let memory = try await run("Pipelines/gnlc-annual.yml", output: output, database: .postgres(url: url))
        let sql = try await run(
            "Pipelines/gnlc-annual.yml", output: output, engine: .sql, database: .postgres(url: url))
        let sqlite = try await run(
            "Pipelines/gnlc-annual.yml", output: output, engine: .sql, database: .sqlite(path: "citynet.sqlite"))
        #expect(memory.tables == sql.tables)
        #expect(memory.tables == sqlite.tables)
        let store = try PostgresStore(url: url)
        let counts = try await store.query(
            SQLStatement(
                "SELECT COUNT(*), COUNT(DISTINCT row) FROM memberships WHERE pipeline = $1",
                parameters: [.text("gnlc-annual")]))
        #expect(counts == [[.integer(210), .integer(210)]])
        let initiatives = try await store.query(
            SQLStatement("SELECT COUNT(*) FROM initiatives WHERE pipeline = $1", parameters: [.text("gnlc-annual")]))
        #expect(initiatives == [[.integer(68)]])
    }

    /// A dataset whose city and title carry SQL, to show values are bound or streamed, never spliced.
    static func hostileDataset() throws -> Dataset {
        var dataset = Dataset(countries: .builtin, themes: ThemeVocabulary())
        let ireland = CountryCatalog.builtin.resolve("IE") ?? CountryID(0)
        let hostile = "'; DROP TABLE cities; --"
        let city = dataset.cities.register(name: hostile, country: ireland)
        dataset.markMember(city)
        dataset.sources["members"] = .memberships([
            Membership(
                city: city, country: ireland, network: dataset.symbols.intern("Robert'); DROP TABLE runs;--"),
                joined: 2020)
        ])
        dataset.sources["initiatives"] = .initiatives(
            InitiativeTable([
                Initiative(
                    id: dataset.identifiers.intern("x\t\\N\ny"), city: city, countries: [ireland], year: 2020,
                    title: dataset.symbols.intern(hostile + "\r\n\\\\ tab\there"))
            ]))
        return dataset
    }

    static var run: LoadPlan.Run {
        LoadPlan.Run(
            id: UUID().uuidString, version: "test", startedAt: "", finishedAt: "", outcome: "success", params: "{}")
    }

    @Test func hostileValuesAreStoredAsTextInSQLite() throws {
        let folder = TestPaths.temporaryFolder("hostile")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("db.sqlite").path)
        try store.replace(
            LoadPlan(pipeline: "p'; --", dataset: try Self.hostileDataset(), aggregates: [], run: Self.run))
        #expect(try store.query(SQLStatement("SELECT name FROM cities")) == [[.text("'; DROP TABLE cities; --")]])
        #expect(
            try store.query(SQLStatement("SELECT id, title FROM initiatives")) == [
                [.text("x\t\\N\ny"), .text("'; DROP TABLE cities; --\r\n\\\\ tab\there")]
            ])
    }

    @Test(
        .enabled(if: postgresURL != nil, "CITYNET_TEST_DATABASE_URL is not set (.ci/run starts a PostgreSQL server)"),
        .timeLimit(.minutes(4)))
    func hostileValuesAreStoredAsTextInPostgres() async throws {
        let url = try #require(Self.postgresURL)
        let store = try PostgresStore(url: url)
        try await store.replace(
            LoadPlan(pipeline: "hostile'; --", dataset: try Self.hostileDataset(), aggregates: [], run: Self.run))
        let names = try await store.query(
            SQLStatement("SELECT name FROM cities WHERE pipeline = $1", parameters: [.text("hostile'; --")]))
        #expect(names == [[.text("'; DROP TABLE cities; --")]])
        let rows = try await store.query(
            SQLStatement("SELECT id, title FROM initiatives WHERE pipeline = $1", parameters: [.text("hostile'; --")]))
        #expect(rows == [[.text("x\t\\N\ny"), .text("'; DROP TABLE cities; --\r\n\\\\ tab\there")]])
        let networks = try await store.query(
            SQLStatement("SELECT network FROM memberships WHERE pipeline = $1", parameters: [.text("hostile'; --")]))
        #expect(networks == [[.text("Robert'); DROP TABLE runs;--")]])
    }

    /// A large dataset, so that a load takes long enough to be cut.
    static func largeDataset(initiatives count: Int) -> Dataset {
        var dataset = Dataset(countries: .builtin, themes: ThemeVocabulary())
        let ireland = CountryCatalog.builtin.resolve("IE") ?? CountryID(0)
        let city = dataset.cities.register(name: "Cork", country: ireland)
        var table = InitiativeTable()
        var sdgs = SDGGoalSet()
        if let goal = SDGGoal(4) { sdgs.insert(goal) }
        let title = dataset.symbols.intern(String(repeating: "learning city ", count: 8))
        for index in 0..<count {
            table.append(
                Initiative(
                    id: dataset.identifiers.intern("I\(index)"), city: city, countries: [ireland], year: 2020,
                    title: title, sdgs: sdgs,
                    beneficiaries: index))
        }
        dataset.sources["initiatives"] = .initiatives(table)
        return dataset
    }

    @Test(
        .enabled(if: postgresURL != nil, "CITYNET_TEST_DATABASE_URL is not set (.ci/run starts a PostgreSQL server)"),
        .timeLimit(.minutes(4)))
    func aConnectionKilledMidLoadLeavesThePreviousDataIntact() async throws {
        let url = try #require(Self.postgresURL)
        let pipeline = "cut-\(UUID().uuidString.prefix(8))"
        let store = try PostgresStore(url: url + "?application_name=\(pipeline)")
        try await store.replace(
            LoadPlan(pipeline: pipeline, dataset: Self.largeDataset(initiatives: 10), aggregates: [], run: Self.run))
        let before = try await store.query(
            SQLStatement("SELECT COUNT(*) FROM initiatives WHERE pipeline = $1", parameters: [.text(pipeline)]))
        #expect(before == [[.integer(10)]])

        let large = LoadPlan(
            pipeline: pipeline, dataset: Self.largeDataset(initiatives: 400_000), aggregates: [], run: Self.run)
        let load = Task { try await store.replace(large) }
        var terminated = false
        let observer = try PostgresStore(url: url)
        for _ in 0..<600 where !terminated {
            try await Task.sleep(for: .milliseconds(50))
            let killed = try await observer.query(
                SQLStatement(
                    """
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE application_name = $1 AND state <> 'idle' AND query LIKE 'INSERT INTO "initiatives"%'
                    """, parameters: [.text(pipeline)]))
            terminated = !killed.isEmpty
        }
        #expect(terminated, "the load's inserts were seen and terminated")
        await #expect {
            try await load.value
        } throws: { error in
            (error as? StoreError)?.exitStatus == .temporaryFailure
        }
        let after = try await observer.query(
            SQLStatement("SELECT COUNT(*) FROM initiatives WHERE pipeline = $1", parameters: [.text(pipeline)]))
        #expect(after == [[.integer(10)]], "the previous data is intact")
    }

    /// Loads the demo into `url` and returns the error the store threw.
    static func loadError(_ url: String) async -> StoreError? {
        do {
            let store = try PostgresStore(url: url)
            try await store.replace(
                LoadPlan(pipeline: "errors", dataset: try hostileDataset(), aggregates: [], run: run))
            return nil
        } catch let error as StoreError {
            return error
        } catch {
            Issue.record(error, "not a StoreError")
            return nil
        }
    }

    @Test func aRefusedConnectionIsATemporaryFailure() async throws {
        let error = try #require(await Self.loadError("postgres://citynet:secret@127.0.0.1:1/citynet_test"))
        #expect(error.exitStatus == .temporaryFailure)
        let message = error.diagnostic.message
        #expect(message.contains("127.0.0.1:1/citynet_test") && message.contains("try again later"))
        #expect(!message.contains("secret"), "the password never reaches a message")
    }

    @Test(
        .enabled(if: postgresURL != nil, "CITYNET_TEST_DATABASE_URL is not set (.ci/run starts a PostgreSQL server)"),
        .timeLimit(.minutes(4)))
    func badCredentialsAndAMissingDatabaseAreRefused() async throws {
        let url = try #require(Self.postgresURL)
        var components = try #require(URLComponents(string: url))
        components.password = "wrong-password"
        let badPasswordURL = try #require(components.string)
        let badPassword = try #require(await Self.loadError(badPasswordURL))
        #expect(badPassword.exitStatus == .cannotCreateOutput)
        #expect(badPassword.diagnostic.message.contains("authentication failed"))
        #expect(!badPassword.diagnostic.message.contains("wrong-password"))

        components = try #require(URLComponents(string: url))
        components.path = "/no_such_database"
        let missingURL = try #require(components.string)
        let missing = try #require(await Self.loadError(missingURL))
        #expect(missing.exitStatus == .cannotCreateOutput)
        #expect(missing.diagnostic.message.contains("does not exist"))
    }
}
