import Foundation
import LoadRunnerEngine
@testable import LoadRunnerModel
@testable import LoadRunnerProfile
import Testing

/// `${NAME}` in a monitor's `pid_file`: filled from the environment when the profile is read, so a lab's
/// folder comes from `LAB_DIR` instead of a rewritten copy of the profile.
@Suite("Profile pid_file variables")
struct ProfilePidFileVariablesTests {
    /// A valid profile with `monitors` from line 6.
    static func profile(_ monitors: String) -> String {
        """
        target: http://127.0.0.1:8085
        requests:
          - { name: a, path: / }
        stages:
          - { users: 1, duration: 1s }
        monitors:
        \(monitors)
        """
    }

    static func load(_ yaml: String, environment: [String: String]) throws -> Profile {
        try ProfileLoader(environment: environment, files: DiskFiles())
            .load(text: yaml, path: "p.yaml", baseDirectory: "/profiles")
    }

    static func problems(_ yaml: String, environment: [String: String]) throws -> [ProfileProblem] {
        try #require(throws: ProfileProblems.self) { try load(yaml, environment: environment) }.problems
    }

    @Test func variablesAreFilledInAndTheResultResolvesFromTheProfilesFolder() throws {
        let profile = try Self.load(Self.profile("""
              - { name: primary, pid_file: "${LAB_DIR}/primary/postmaster.pid" }
              - { name: service, pid_file: "${SUB}/${NAME}.pid" }
              - { name: plain, pid_file: "data/$HOME.pid" }
            """), environment: ["LAB_DIR": "/tmp/lab x", "SUB": "run", "NAME": "service"])
        #expect(profile.monitors == [
            MonitorSpec(name: "primary", target: .pidFile("/tmp/lab x/primary/postmaster.pid")),
            MonitorSpec(name: "service", target: .pidFile("/profiles/run/service.pid")),
            // `$` without `{` is not a reference: the path keeps it.
            MonitorSpec(name: "plain", target: .pidFile("/profiles/data/$HOME.pid")),
        ])
        // Each variable counts as an environment read (`run --no-actions` refuses it unless `--allow-env`).
        #expect(profile.environmentReads == ["LAB_DIR", "SUB", "NAME"])
    }

    @Test func anUnsetVariableIsAProblemNamingTheMonitorAndTheVariable() throws {
        let problems = try Self.problems(Self.profile("""
              - { name: primary, pid: 1 }
              - { name: replica1, pid_file: "${LAB_DIR}/replica1/postmaster.pid" }
              - { name: replica2, pid_file: "${LAB_DIR}/replica2/postmaster.pid" }
            """), environment: [:])
        #expect(problems.map(\.keyPath) == ["monitors[1].pid_file", "monitors[2].pid_file"])
        #expect(problems.map(\.line) == [8, 9])
        #expect(problems.first?.message == "monitor \"replica1\" uses ${LAB_DIR} in pid_file, but the environment "
            + "variable LAB_DIR is not set; export it before the run (e.g. `export LAB_DIR=...`)")
    }

    @Test func aMalformedReferenceIsAProblem() throws {
        let problems = try Self.problems(Self.profile("""
              - { name: primary, pid_file: "${LAB DIR}/x.pid" }
              - { name: open, pid_file: "${LAB_DIR/x.pid" }
            """), environment: ["LAB_DIR": "/tmp"])
        #expect(problems.map(\.message) == [
            "has \"${LAB DIR}\", which is not a variable reference; write ${NAME} with a name of letters, digits and _",
            "has \"${LAB_DIR/x.pid\", which is not a variable reference; write ${NAME} with a name of letters, digits and _",
        ])
    }

    /// The shipped lab profiles name their pid files by `${LAB_DIR}`, which `Lab/lab env` exports.
    @Test(arguments: ["lab-replicas.yaml", "lab-replicas-full.yaml", "failover-quorum.yaml", "failover-quorum-ci.yaml",
                      "failover-first.yaml", "failover-first-ci.yaml"])
    func shippedLabProfilesFollowLabDir(file: String) throws {
        let path = ProfileFixtures.shippedDirectory + "/" + file
        let profile = try ProfileLoader(environment: ["LAB_DIR": "/srv/lab"], files: DiskFiles()).load(path: path)
        #expect(profile.monitors.map(\.target) == [
            .pidFile("/srv/lab/primary/postmaster.pid"), .pidFile("/srv/lab/replica1/postmaster.pid"),
            .pidFile("/srv/lab/replica2/postmaster.pid"), .pidFile("/srv/lab/service.pid"),
        ])
        let unset = try #require(throws: ProfileProblems.self) {
            try ProfileLoader(environment: [:], files: DiskFiles()).load(path: path)
        }
        #expect(unset.problems.count == 4)
        #expect(unset.problems.allSatisfy { $0.message.contains("uses ${LAB_DIR} in pid_file") })
    }
}
