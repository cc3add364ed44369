import LoadRunnerModel
import Yams

extension ProfileLoader {
    /// The `thresholds:` of profile text as a result keeps it (`Provenance.profileText`), decoded without the rest of
    /// the profile's checks and without reading its data files (which the machine that merges shards may not have):
    /// what `merge` judges a merged result with.
    /// - Throws: `ProfileProblems` when the text is not YAML or a threshold does not parse.
    package func thresholds(text: String, path: String) throws -> [ThresholdSpec] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ProfileProblems(problems: [ProfileProblem(file: path, keyPath: "", message: ProfileMessage.yamlSyntax("\(error)", context: nil))])
        }
        guard let root else { return [] }
        var decoder = ProfileDecoder(file: path, baseDirectory: Self.directory(of: path), files: files)
        let rootValue = YAMLValue(node: root, keyPath: "")
        guard rootValue.kind == .map,
              let top = decoder.map(rootValue, keys: ProfileDecoder.topLevelKeys, expected: ProfileMessage.expectProfile)
        else { return [] }
        let specs = top["thresholds"].map { decoder.thresholds($0, in: top) } ?? []
        guard decoder.problems.isEmpty else { throw ProfileProblems(problems: decoder.problems) }
        return specs
    }
}
