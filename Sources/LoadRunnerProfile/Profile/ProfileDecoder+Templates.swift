import LoadRunnerText
import LoadRunnerModel

/// Header maps and the check that every `{{ reference }}` names a declared source (and column).
extension ProfileDecoder {
    /// Reads a `headers` map (profile- or request-level): token names, single-line templated values.
    mutating func headers(_ value: YAMLValue) -> [HeaderSpec] {
        guard value.kind != .empty, let map = namedMap(value, expected: ProfileMessage.expectHeaders) else { return [] }
        var headers: [HeaderSpec] = []
        var seen: [String: String] = [:]
        for entry in map.entries {
            if !HTTPToken.isValid(entry.key) {
                report(entry.keyValue, ProfileMessage.invalidHeaderName(entry.key))
            } else if let earlier = seen[entry.key.lowercased()] {
                report(entry.keyValue, ProfileMessage.duplicateHeader(entry.key, earlier: earlier))
            }
            seen[entry.key.lowercased()] = seen[entry.key.lowercased()] ?? entry.key
            guard let parsed = template(entry.value, expected: ProfileMessage.expectHeaderValue),
                  let template = fillingEnvironment(parsed, at: entry.value),
                  headerValueIsOneLine(written: parsed, filled: template, at: entry.value),
                  headerDataIsOneLine(template, at: entry.value) else { continue }
            headers.append(HeaderSpec(name: entry.key, value: template))
        }
        return headers
    }

    /// Reports a header value that holds CR, LF or NUL once `${NAME}` values are filled in (bytes are
    /// checked, not `Character`s, so a CRLF pair is found). Names the variable that brought the byte in,
    /// never its value.
    private mutating func headerValueIsOneLine(written: Template, filled: Template, at value: YAMLValue) -> Bool {
        func literals(_ template: Template) -> [String] {
            template.segments.compactMap { if case .literal(let text) = $0 { text } else { nil } }
        }
        guard literals(filled).contains(where: HeaderValueSafety.hasLineBreakOrNUL) else { return true }
        let writtenLiterals = literals(written)
        if writtenLiterals.contains(where: HeaderValueSafety.hasLineBreakOrNUL) {
            report(value, ProfileMessage.headerValueHasLineBreak)
        } else {
            let names = writtenLiterals.flatMap(EnvironmentReferences.names(in:))
            let culprit = names.first { environment[$0].map(HeaderValueSafety.hasLineBreakOrNUL) ?? false }
            report(value, culprit.map(ProfileMessage.headerVariableHasLineBreak) ?? ProfileMessage.headerValueHasLineBreak)
        }
        return false
    }

    /// Reports a header template whose `{{ source }}` value, in some row of a CSV or `values:` source,
    /// holds CR, LF or NUL; those rows are known now, so the run need not find them one request at a time.
    /// `fetch` values are known only at run time: the engine refuses those requests one by one.
    private mutating func headerDataIsOneLine(_ template: Template, at value: YAMLValue) -> Bool {
        var oneLine = true
        var checked: Set<String> = []
        for case .reference(let name, _) in template.segments where checked.insert(name).inserted {
            guard let spec = sources[name] else { continue }
            switch spec.kind {
            case .csv(let path, let columns):
                guard let table = csvTables[path],
                      let bad = HeaderValueSafety.firstUnsafeRow(in: template, source: name, columns: columns, rows: table.rows)
                else { continue }
                let line = bad.rowIndex < table.rowLines.count ? table.rowLines[bad.rowIndex] : nil
                let written = ProfileMessage.reference(source: name, column: bad.column)
                report(value, ProfileMessage.headerDataHasLineBreak(
                    written, source: name, row: ProfileMessage.csvRow(path: path, line: line, column: bad.column)))
                oneLine = false
            case .values(let values):
                guard let bad = HeaderValueSafety.firstUnsafeRow(in: template, source: name, columns: [""], rows: values.map { [$0] })
                else { continue }
                let written = ProfileMessage.reference(source: name, column: nil)
                report(value, ProfileMessage.headerDataHasLineBreak(written, source: name, row: ProfileMessage.valuesItem(bad.rowIndex)))
                oneLine = false
            case .fetch, .range:
                continue
            }
        }
        return oneLine
    }

    /// `template` with `${NAME}` in its literal parts replaced by the environment's values; nil (reported)
    /// when a variable is unset or a reference malformed. The message names the variable, never a value.
    private mutating func fillingEnvironment(_ template: Template, at value: YAMLValue) -> Template? {
        var segments: [Template.Segment] = []
        for segment in template.segments {
            guard case .literal(let text) = segment else {
                segments.append(segment)
                continue
            }
            environmentReads += EnvironmentReferences.names(in: text)
            switch EnvironmentReferences.substitute(text, environment: environment) {
            case .success(let filled): segments.append(.literal(filled))
            case .failure(.unset(let name)):
                report(value, ProfileMessage.environmentVariableUnset(name))
                return nil
            case .failure(.malformed(let reference)):
                report(value, ProfileMessage.environmentReferenceMalformed(reference))
                return nil
            }
        }
        return Template(segments: segments)
    }

    /// Reports every reference in `template` that names no declared source (nor captured variable), a column the CSV
    /// lacks, no column where a multi-column CSV needs one, or a column on a range/values source.
    /// Sources that were declared but are themselves invalid are not checked again.
    mutating func checkReferences(_ template: Template, at value: YAMLValue) -> Bool {
        var valid = true
        for case .reference(let source, let column) in template.segments {
            let written = ProfileMessage.reference(source: source, column: column)
            guard declaredSources.contains(source) else {
                if capturedVariables.contains(source) {
                    if column != nil {
                        report(value, ProfileMessage.variableHasNoColumn(written, variable: source))
                        valid = false
                    }
                    continue
                }
                let suggestion = DidYouMean.suggestion(for: source, among: declaredSources + capturedVariables)
                report(value, capturedVariables.isEmpty
                    ? ProfileMessage.unknownSource(written, source: source, suggestion: suggestion, declared: declaredSources)
                    : ProfileMessage.unknownSourceOrVariable(written, source: source, suggestion: suggestion,
                                                             declared: declaredSources, captured: capturedVariables))
                valid = false
                continue
            }
            guard let spec = sources[source] else { continue }
            switch spec.kind {
            case .fetch:
                break
            case .csv(let path, let columns):
                if let column, !columns.contains(column) {
                    let suggestion = DidYouMean.suggestion(for: column, among: columns)
                    report(value, ProfileMessage.unknownColumn(written, column: column, csvPath: path,
                                                               columns: columns, suggestion: suggestion))
                    valid = false
                } else if column == nil, columns.count > 1 {
                    report(value, ProfileMessage.columnNeeded(written, source: source, csvPath: path, columns: columns))
                    valid = false
                }
            case .range, .values:
                if column != nil {
                    report(value, ProfileMessage.columnNotAllowed(written, source: source))
                    valid = false
                }
            }
        }
        return valid
    }
}
