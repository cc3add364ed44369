import LoadRunnerModel
import Yams

/// `capture:` on a request, and how `{{ name }}` becomes a captured variable rather than a data source.
extension ProfileDecoder {
    /// The names every `capture:` map of the given request lists defines, in order of appearance; read before any
    /// template, so that `{{ name }}` can be told apart from a data source wherever it is. Reports nothing: each
    /// capture is checked when its request is read.
    static func capturedVariableNames(in lists: [YAMLValue?]) -> [String] {
        var names: [String] = []
        for case let list? in lists {
            guard case .sequence(let items) = list.node else { continue }
            for case .mapping(let request) in items {
                for (key, value) in request where key.string == "capture" {
                    guard case .mapping(let captures) = value else { continue }
                    for (name, _) in captures {
                        if let name = name.string, !names.contains(name) { names.append(name) }
                    }
                }
            }
        }
        return names
    }

    /// The step lists (`on_start`, `steps`, `on_stop`) of every flow in `flows:`, for `capturedVariableNames`.
    static func flowStepLists(_ flows: YAMLValue?) -> [YAMLValue?] {
        guard let flows, case .sequence(let items) = flows.node else { return [] }
        var lists: [YAMLValue?] = []
        for case .mapping(let flow) in items {
            for (key, value) in flow where ["on_start", "steps", "on_stop"].contains(key.string ?? "") {
                lists.append(YAMLValue(node: value, keyPath: flows.keyPath))
            }
        }
        return lists
    }

    /// Reads a request's `capture:` map; nil (reported) when any entry is invalid.
    mutating func captures(_ value: YAMLValue) -> [CaptureSpec]? {
        guard value.kind != .empty, let map = namedMap(value, expected: ProfileMessage.expectCapture) else { return [] }
        var specs: [CaptureSpec] = []
        var valid = true
        for entry in map.entries {
            guard TemplateParser.isValidSourceName(entry.key) else {
                report(entry.keyValue, ProfileMessage.captureNameInvalid(entry.key))
                valid = false
                continue
            }
            if declaredSources.contains(entry.key) {
                report(entry.keyValue, ProfileMessage.captureNameIsSource(entry.key))
                valid = false
                continue
            }
            guard let text = text(entry.value, expected: ProfileMessage.expectCaptureSource),
                  let source = responseSource(text, at: entry.value) else {
                valid = false
                continue
            }
            captureKeys.append(entry.keyValue)
            specs.append(CaptureSpec(variable: entry.key, source: source, text: text))
        }
        return valid ? specs : nil
    }

    /// `json:<path>`, `header:<Name>` or `regex:<pattern>`.
    mutating func responseSource(_ text: String, at value: YAMLValue) -> ResponseValueSource? {
        if text.hasPrefix("json:") {
            let path = String(text.dropFirst(5))
            switch JSONPathParser.parse(path) {
            case .success(let parsed): return .json(parsed)
            case .failure(let failure): report(value, ProfileMessage.badJSONPath(path, failure))
            }
        } else if text.hasPrefix("header:") {
            let name = String(text.dropFirst(7)).trimmingWhitespace()
            if HTTPToken.isValid(name) { return .header(name) }
            report(value, ProfileMessage.invalidHeaderName(name))
        } else if text.hasPrefix("regex:") {
            let pattern = String(text.dropFirst(6))
            if (try? Regex(pattern)) != nil { return .regex(pattern) }
            report(value, ProfileMessage.badRegex(pattern))
        } else {
            report(value, ProfileMessage.captureSourceUnknown(text))
        }
        return nil
    }

    /// Open stages have no virtual users, so nothing could keep a captured value: each capture is an error there.
    mutating func checkCapturesHaveUsers(_ stages: [Stage]) {
        guard stages.contains(where: \.isOpen) else { return }
        for key in captureKeys { report(key, ProfileMessage.captureWithOpenStages(key.text ?? "")) }
    }

    /// `template` with each `{{ name }}` that names a captured variable (and no data source) as `.variable`.
    func resolvingVariables(_ template: Template) -> Template {
        guard !capturedVariables.isEmpty else { return template }
        return Template(segments: template.segments.map { segment in
            if case .reference(let name, nil) = segment, !declaredSources.contains(name), capturedVariables.contains(name) {
                return .variable(name)
            }
            return segment
        })
    }

    /// A `max_body` size (profile or request level).
    mutating func maxBody(_ value: YAMLValue) -> Int? {
        guard let written = text(value, expected: ProfileMessage.expectMaxBody) else { return nil }
        guard let bytes = ByteSize.parse(written) else {
            report(value, ProfileMessage.maxBodyUnreadable(written))
            return nil
        }
        guard (1...RequestSpec.largestMaxBodyBytes).contains(bytes) else {
            report(value, ProfileMessage.maxBodyOutOfRange(written))
            return nil
        }
        return bytes
    }
}
