import LoadRunnerModel

/// How a data source picks its rows: `pick:` (`random`, `sequential`, `unique`, `per_user`), `when_exhausted:` for
/// `unique`, and `zipf:` for `range` sources.
extension ProfileDecoder {
    static let pickKeys = ["pick", "when_exhausted", "zipf"]
    /// The largest `zipf:` exponent; beyond it nearly every draw is the first value anyway.
    static let largestZipfExponent = 100.0

    /// The pick written on a source of `kind` (nil when its kind key is missing), `random` by default.
    mutating func rowPick(_ map: YAMLMap, source: String, kind: String?) -> (pick: RowPick, zipfExponent: Double?)? {
        var pick = RowPick.random
        if let value = map["pick"] {
            guard let written = text(value, expected: ProfileMessage.expectPick) else { return nil }
            switch written.trimmingWhitespace() {
            case "random": pick = .random
            case "sequential": pick = .sequential
            case "unique": pick = .unique(whenExhausted: .endStage)
            case "per_user": pick = .perUser
            default:
                report(value, ProfileMessage.unknownPick(written))
                return nil
            }
            pickValues[source] = value
        }
        if let value = map["when_exhausted"] {
            guard pick.name == "unique" else {
                report(value, ProfileMessage.whenExhaustedNeedsUnique(pick: pick.name))
                return nil
            }
            guard let written = text(value, expected: ProfileMessage.expectWhenExhausted) else { return nil }
            guard let exhaustion = RowPick.Exhaustion(rawValue: written.trimmingWhitespace()) else {
                report(value, ProfileMessage.unknownWhenExhausted(written))
                return nil
            }
            pick = .unique(whenExhausted: exhaustion)
            pickValues[source] = value
        }
        guard let value = map["zipf"] else { return (pick, nil) }
        if let kind, kind != "range" {
            report(value, ProfileMessage.zipfNeedsRange(kind: kind))
            return nil
        }
        guard pick == .random else {
            report(value, ProfileMessage.zipfWithPick(pick.name))
            return nil
        }
        guard let exponent = number(value, expected: ProfileMessage.expectZipf, in: 0...Self.largestZipfExponent,
                                    what: "for the exponent", advice: ProfileMessage.adviseZipf) else { return nil }
        guard exponent > 0 else {
            report(value, ProfileMessage.zipfNotPositive(value.text ?? ""))
            return nil
        }
        return (pick, exponent)
    }

    /// Open stages have no users and plan their arrivals ahead: `per_user` and a `unique` source that ends the
    /// stage cannot apply there. Reported at the source's `pick:` (or `when_exhausted:`).
    mutating func checkPicks(_ data: [DataSourceSpec], stages: [Stage]) {
        guard let open = stages.firstIndex(where: \.isOpen) else { return }
        for spec in data {
            guard let value = pickValues[spec.name] else { continue }
            if spec.pick == .perUser {
                report(value, ProfileMessage.perUserWithOpenStage(stage: open + 1))
            } else if spec.pick.endsStage {
                report(value, ProfileMessage.uniqueEndsStageWithOpenStage(stage: open + 1))
            }
        }
    }
}
