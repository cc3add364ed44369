import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerProfile
import LoadRunnerText

/// Loads a profile for a command, printing every problem to standard error.
enum ProfileLoading {
    /// The validated profile, or nil when it has problems (already printed).
    static func load(path: String, targetOverride: String?, console: Console) -> Profile? {
        do {
            return try ProfileLoader(files: DiskFiles()).load(path: path, targetOverride: targetOverride)
        } catch let problems as ProfileProblems {
            for problem in problems.problems { console.report(problem.diagnostic) }
            console.error(CLIMessages.profileProblemCount(problems.problems.count, path: path))
        } catch {
            console.report(CLIMessages.unreadableProfile(path, reason: OutputFolder.reason(error)))
        }
        return nil
    }
}
