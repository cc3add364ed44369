import LoadRunnerModel
import LoadRunnerText

/// The **Environment**: LoadRunner and libcurl versions, host and CPUs, kernel, command line and profile path.
enum EnvironmentSection {
    static func blocks(_ result: RunResult) -> [Block] {
        let provenance = result.provenance
        return [
            .heading(2, "Environment"),
            .list([
                [.text("LoadRunner \(provenance.loadRunnerVersion), libcurl \(provenance.libcurlVersion)")],
                [.text("Host "), .code(provenance.hostName),
                 .text(": \(provenance.allowedCPUCount) of \(provenance.cpuCount) CPUs allowed for the generator")],
                [.text("Kernel "), .code(provenance.kernel)],
                [.text("Command line: "), .code(ReportText.commandLine(provenance.commandLine))],
                [.text("Profile "), .code(provenance.profilePath)],
            ]),
        ]
    }
}
