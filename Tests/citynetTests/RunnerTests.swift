import CityNetTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The runner as cron meets it: incremental runs, the lock, kills, exit codes and logs, through the built binary.
@Suite(.serialized)
struct RunnerTests {
    static let gnlc = "Outputs/gnlc/2019"

    @Test func aSecondRunWithUnchangedInputsDoesNothing() throws {
        let project = try ProjectCopy()
        defer { project.remove() }
        #expect(try project.run(["run", "Pipelines/gnlc-annual.yml"]).status == 0)
        let before = try project.snapshot(Self.gnlc)
        let inodes = try Self.inodes(project.url(Self.gnlc))
        let second = try project.run(["run", "Pipelines/gnlc-annual.yml"])
        #expect(second.status == 0)
        #expect(second.stderr.hasPrefix("citynet: gnlc-annual: up to date, nothing to do (Outputs/gnlc/2019, "))
        #expect(second.stderr.split(separator: "\n").count == 1, "one line")
        #expect(try project.snapshot(Self.gnlc) == before)
        #expect(try Self.inodes(project.url(Self.gnlc)) == inodes, "not even rewritten")
        // A touched file whose bytes are the same is still up to date.
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(60)],
            ofItemAtPath: project.url("Inputs/gnlc/members.csv").path)
        #expect(try project.run(["run", "Pipelines/gnlc-annual.yml"]).stderr.contains("up to date, nothing to do"))
        let history = try String(contentsOf: project.url("\(Self.gnlc)/runs.jsonl"), encoding: .utf8)
        let outcomes = history.split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["outcome"] as? String
        }
        #expect(outcomes == ["success", "up_to_date", "up_to_date"])
    }

    @Test func changingOneInputRerunsOnlyTheStagesThatDependOnIt() throws {
        let project = try ProjectCopy()
        defer { project.remove() }
        #expect(try project.run(["run", "Pipelines/gnlc-annual.yml"]).status == 0)
        let before = try project.snapshot(Self.gnlc)
        let inodes = try Self.inodes(project.url(Self.gnlc))
        try project.append("Inputs/gnlc/laureates.csv", "2019,Cork,Ireland\n")
        let rerun = try project.run(["run", "Pipelines/gnlc-annual.yml"])
        #expect(rerun.status == 0)
        #expect(rerun.stderr.contains("2 sources read"))
        let statuses = try project.stageStatuses(Self.gnlc)
        let ran = Set(statuses.filter { $0.value == "ran" }.keys)
        #expect(
            ran == [
                "reference data", "source members", "source laureates", "aggregate laureates_by_region",
                "aggregate laureates_by_year_region", "output laureates_by_region", "output laureates_by_year_region",
                "output laureates_by_year_region.svg", "output laureates_share_by_year.svg", "output report.html",
            ])
        #expect(statuses["source initiatives"] == "up_to_date")
        #expect(statuses["aggregate initiatives_by_region_sdg"] == "up_to_date", "the report reads its cached table")
        #expect(statuses["output initiatives_by_sdg.svg"] == "up_to_date")
        let after = try project.snapshot(Self.gnlc)
        let changed = Set(after.keys.filter { after[$0] != before[$0] })
        #expect(
            changed == [
                "laureates_by_region.csv", "laureates_by_region.json", "laureates_by_year_region.csv",
                "laureates_by_year_region.json", "laureates_by_year_region.svg", "laureates_share_by_year.svg",
                "laureates_share_by_year.vl.json", "report.html", "manifest.json",
                ".citynet/tables/laureates_by_region.json", ".citynet/tables/laureates_by_year_region.json",
            ])
        let afterInodes = try Self.inodes(project.url(Self.gnlc))
        #expect(afterInodes["initiatives_by_sdg.svg"] == inodes["initiatives_by_sdg.svg"], "kept, not rewritten")
        // The manifest still accounts for the source that was not read.
        let sources = try #require(try project.manifest(Self.gnlc)["sources"] as? [[String: Any]])
        #expect(sources.map { $0["name"] as? String } == ["members", "initiatives", "laureates"])
    }

    @Test func aRemovedOutputIsWrittenAgain() throws {
        let project = try ProjectCopy()
        defer { project.remove() }
        #expect(try project.run(["run", "Pipelines/gnlc-annual.yml"]).status == 0)
        try FileManager.default.removeItem(at: project.url("\(Self.gnlc)/members_by_year.svg"))
        let plan = try project.run(["plan", "Pipelines/gnlc-annual.yml"])
        #expect(plan.stdout.contains("output members_by_year.svg: run (output missing: members_by_year.svg)"))
        #expect(try project.run(["run", "Pipelines/gnlc-annual.yml"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: project.url("\(Self.gnlc)/members_by_year.svg").path))
    }

    @Test func planIsCoveredByGoldenFiles() throws {
        let project = try ProjectCopy()
        defer { project.remove() }
        let golden = TestPaths.packageRoot().appendingPathComponent("Tests/citynetTests/Golden")
        let fresh = try project.run(["plan", "Pipelines/gnlc-annual.yml"])
        #expect(fresh.status == 0)
        if let problem = Golden.compare(Array(fresh.stdout.utf8), with: golden.appendingPathComponent("plan-fresh.txt"))
        {
            Issue.record("\(problem)")
        }
        #expect(try project.run(["run", "Pipelines/gnlc-annual.yml"]).status == 0)
        try project.append("Inputs/gnlc/laureates.csv", "2019,Cork,Ireland\n")
        let changed = try project.run(["plan", "Pipelines/gnlc-annual.yml"])
        if let problem = Golden.compare(
            Array(changed.stdout.utf8), with: golden.appendingPathComponent("plan-laureates-changed.txt"))
        {
            Issue.record("\(problem)")
        }
        let dryRun = try project.run(["run", "--dry-run", "Pipelines/gnlc-annual.yml"])
        #expect(dryRun.stdout == changed.stdout, "--dry-run prints the plan")
        #expect(try project.stageStatuses(Self.gnlc)["source laureates"] == "ran", "and writes nothing")
        let forced = try project.run(["plan", "Pipelines/gnlc-annual.yml", "--force"]).stdout
        let count = forced.split(separator: "\n").filter { $0.contains(": run (forced (--force))") }.count
        #expect(forced.hasSuffix("\(count) of \(count) stages would run\n") && count > 30)
    }

    @Test func onlyRunsAStageAndWhatItNeeds() throws {
        let project = try ProjectCopy()
        defer { project.remove() }
        let result = try project.run(["run", "Pipelines/gnlc-annual.yml", "--only", "members_by_year.svg"])
        #expect(result.status == 0)
        let files = Set(try project.snapshot(Self.gnlc).keys)
        #expect(
            files == ["members_by_year.svg", "manifest.json", "rejects.csv", ".citynet/tables/members_by_year.json"])
        let statuses = try project.stageStatuses(Self.gnlc)
        #expect(statuses["source initiatives"] == "skipped" && statuses["aggregate members_by_year"] == "ran")
        // The next full run does what --only left out.
        #expect(try project.run(["run", "Pipelines/gnlc-annual.yml"]).status == 0)
        let outputs = try #require(try project.manifest(Self.gnlc)["outputs"] as? [Any])
        #expect(try project.snapshot(Self.gnlc).count == outputs.count + 1, "every output and the manifest")
        #expect(outputs.count > 40)
        let unknown = try project.run(["run", "Pipelines/gnlc-annual.yml", "--only", "members_by_yaer"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("--only names no stage 'members_by_yaer' (did you mean 'members_by_year'?)"))
    }

    @Test func twoRunsAtOnceOneExits75() throws {
        let project = try ProjectCopy()
        defer { project.remove() }
        try Self.writeLargePipeline(project, cities: 60_000)
        let first = try CitynetBinary.start(["run", "Pipelines/large.yml"], in: project.root)
        let lock = project.url("Outputs/.large.lock")
        try Self.waitUntil { (try? String(contentsOf: lock, encoding: .utf8))?.contains("pid") ?? false }
        let second = try project.run(["run", "Pipelines/large.yml"])
        let firstResult = first.finish()
        #expect(second.status == 75)
        #expect(second.stderr.contains("another run is writing"))
        #expect(second.stderr.contains("pid \(first.process.processIdentifier)"))
        #expect(firstResult.status == 0, "\(firstResult.stderr)")
        // A waiting run goes ahead when the first one is done.
        let third = try CitynetBinary.start(["run", "Pipelines/large.yml", "--force"], in: project.root)
        try Self.waitUntil {
            (try? String(contentsOf: lock, encoding: .utf8))?.contains("pid \(third.process.processIdentifier)")
                ?? false
        }
        let waiting = try project.run(["run", "Pipelines/large.yml", "--wait", "120"])
        #expect(third.finish().status == 0)
        #expect(waiting.status == 0)
    }

    @Test func aRunKilledAtAnyPointLeavesThePreviousOutputsAndTheNextRunSucceeds() throws {
        let project = try ProjectCopy()
        defer { project.remove() }
        try Self.writeLargePipeline(project, cities: 50_000)
        #expect(try project.run(["run", "Pipelines/large.yml"]).status == 0)
        var before = try project.snapshot("Outputs/large")
        try project.append("Inputs/large/members.csv", "Extra Town,France,2020\n")
        let started = Date()
        #expect(try project.run(["run", "Pipelines/large.yml", "--output-dir", "Timing"]).status == 0)
        let duration = Date().timeIntervalSince(started)
        let outputs = project.url("Outputs")
        func staging() -> Bool {
            ((try? FileManager.default.contentsOfDirectory(atPath: outputs.path)) ?? []).contains {
                $0.hasPrefix(".large.staging-")
            }
        }
        // Kills at points spread over a run, then kills the moment the staging folder appears, while the outputs
        // are being written.
        for fraction in [0.3, 0.6, 0.9, nil, nil, nil] {
            let running = try CitynetBinary.start(["run", "Pipelines/large.yml", "--force"], in: project.root)
            if let fraction {
                usleep(useconds_t(duration * fraction * 1_000_000))
            } else {
                try Self.waitUntil(pollingEvery: 200) { staging() || !running.process.isRunning }
            }
            kill(running.process.processIdentifier, SIGKILL)
            if running.finish().status == 0 {
                // It finished before the kill: its outputs are the new "previous" ones.
                before = try project.snapshot("Outputs/large")
                continue
            }
            if fraction == nil { #expect(staging(), "killed while the outputs were being written") }
            #expect(
                try project.snapshot("Outputs/large") == before, "killed at \(fraction.map { "\($0)" } ?? "staging")")
        }
        let recovered = try project.run(["run", "Pipelines/large.yml"])
        #expect(recovered.status == 0, "\(recovered.stderr)")
        #expect(try project.manifest("Outputs/large")["rejects"] as? Int == 0)
        #expect(try project.snapshot("Outputs/large")["by_country.csv"] != nil)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.url("Outputs").path)
        #expect(leftovers.sorted() == [".large.lock", "large"], "no staging folder is left behind")
    }

    @Test func aRejectRateAboveTheLimitExits65AndChangesNoOutput() throws {
        let project = try ProjectCopy()
        defer { project.remove() }
        #expect(try project.run(["run", "Pipelines/gnlc-annual.yml"]).status == 0)
        let before = try project.snapshot(Self.gnlc)
        var members = try String(contentsOf: project.url("Inputs/gnlc/members.csv"), encoding: .utf8)
        members = members.replacingOccurrences(of: ",Germany,", with: ",Germanyy,")
            .replacingOccurrences(of: ",China,", with: ",Chinaa,")
        try project.write("Inputs/gnlc/members.csv", members)
        let result = try project.run(["run", "Pipelines/gnlc-annual.yml"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("more than its max_reject_rate of 2%"))
        #expect(try project.snapshot(Self.gnlc) == before)
    }

    @Test func everyJSONLogLineParses() throws {
        let project = try ProjectCopy()
        defer { project.remove() }
        var members = try String(contentsOf: project.url("Inputs/gnlc/members.csv"), encoding: .utf8)
        members = members.replacingOccurrences(of: ",Germany,", with: ",Germanyy,")
        try project.write("Inputs/gnlc/members.csv", members)
        for arguments in [["run", "--log-format", "json", "--verbose"], ["run", "--log-format", "json"]] {
            let result = try project.run(arguments + ["Pipelines/gnlc-annual.yml", "--force"])
            #expect(result.status == 0)
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count > 2)
            for line in lines {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                #expect(
                    object?["time"] is String && object?["level"] is String && object?["message"] is String, "\(line)")
            }
            #expect(result.stderr.contains("\"level\":\"warning\""))
            #expect(!result.stderr.contains("\u{1B}["), "no colours")
        }
        let failing = try project.run(["run", "--log-format", "json", "Pipelines/missing.yml"])
        #expect(failing.status == 66)
        let error = try JSONSerialization.jsonObject(with: Data(failing.stderr.utf8)) as? [String: Any]
        #expect(error?["level"] as? String == "error")
    }

    @Test func eachExitCodeMeansWhatTheREADMESays() throws {
        let project = try ProjectCopy()
        defer { project.remove() }
        #expect(try project.run(["run", "Pipelines/gnlc-annual.yml"]).status == 0)
        #expect(try project.run(["run", "Pipelines/gnlc-annual.yml", "--param", "year"]).status == 64)
        #expect(try project.run(["run", "Pipelines/gnlc-annual.yml", "--jobs", "0"]).status == 64)
        try project.write(
            "Inputs/gnlc/initiatives.xml",
            String(contentsOf: project.url("Inputs/gnlc/initiatives.xml"), encoding: .utf8)
                .replacingOccurrences(of: "</initiatives>", with: "</initiative>"))
        #expect(try project.run(["run", "Pipelines/gnlc-annual.yml"]).status == 65)
        try FileManager.default.removeItem(at: project.url("Inputs/gnlc/initiatives.xml"))
        #expect(try project.run(["run", "Pipelines/gnlc-annual.yml"]).status == 66)
        try project.write("Blocked", "a file where a folder must go\n")
        let unwritable = try project.run(["run", "Pipelines/gnlc-annual.yml", "--output-dir", "Blocked/out"])
        #expect(unwritable.status == 73)
        try project.write("Pipelines/bad.yml", "pipeline: bad\nsources: []\n")
        #expect(try project.run(["run", "Pipelines/bad.yml"]).status == 78)
    }

    @Test(
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1) for a terminal"))
    func aProgressLineAppearsOnATerminalAndNowhereElse() throws {
        let project = try ProjectCopy()
        defer { project.remove() }
        try Self.writeLargePipeline(project, cities: 220_000, byCity: false)
        let binary = try #require(CitynetBinary.url)
        let typescript = project.url("typescript")
        let command = "\(binary.path) run Pipelines/large.yml --force"
        let terminal = try CitynetBinary.run(
            ["-qec", command, typescript.path], in: project.root, executable: URL(fileURLWithPath: "/usr/bin/script"))
        #expect(terminal.status == 0)
        let screen = try String(contentsOf: typescript, encoding: .utf8)
        #expect(screen.contains("source members: ") && screen.contains(" MB/s"))
        let piped = try project.run(["run", "Pipelines/large.yml", "--force"])
        #expect(!piped.stderr.contains("MB/s") && !piped.stderr.contains("\r"))
    }

    // MARK: - Helpers

    /// A pipeline over a generated membership file large enough that a run takes a while and writes megabytes.
    static func writeLargePipeline(_ project: ProjectCopy, cities: Int, byCity: Bool = true) throws {
        let countries = [
            "France", "Germany", "Kenya", "Brazil", "Japan", "India", "Chile", "Canada", "Egypt", "Ireland",
        ]
        var csv = "City,Country,Joined\n"
        csv.reserveCapacity(cities * 32)
        for index in 0..<cities {
            csv += "Town \(index),\(countries[index % countries.count]),\(2000 + index % 25)\n"
        }
        try project.write("Inputs/large/members.csv", csv)
        try project.write(
            "Pipelines/large.yml",
            """
            pipeline: large
            sources:
              members:
                format: csv
                path: Inputs/large/members.csv
                entity: membership
                fields: { city: City, country: Country, joined: Joined }
            aggregates:
            \(byCity ? "  by_city: { from: members, group_by: [city, country], measures: { members: count, since: min joined } }" : "")
              by_country:
                from: members
                group_by: country
                measures: { members: count }
            outputs:
            \(byCity ? "  - aggregate: by_city" : "")
              - aggregate: by_country

            """)
    }

    static func waitUntil(
        timeout: Double = 120, pollingEvery microseconds: useconds_t = 20_000, _ condition: () -> Bool
    )
        throws
    {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            guard Date() < deadline else { throw WaitTimedOut() }
            usleep(microseconds)
        }
    }

    struct WaitTimedOut: Error {}

    static func inodes(_ folder: URL) throws -> [String: UInt64] {
        var inodes: [String: UInt64] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            var status = stat()
            if stat(folder.appendingPathComponent(name).path, &status) == 0 { inodes[name] = UInt64(status.st_ino) }
        }
        return inodes
    }
}
