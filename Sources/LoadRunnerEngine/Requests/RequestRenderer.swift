import CCurl
import LoadRunnerModel
import LoadRunnerProfile

/// Renders the next request of one virtual user onto its transfer: URL, method, headers and body.
/// Owned by the user, so its scratch buffers are reused request after request.
struct RequestRenderer {
    private let plans: [RequestPlan]
    private let sources: [SourceValues]
    /// Row picked per source for the request being rendered (-1: none yet).
    private var rows: [Int]
    /// Per request, the sources it uses whose row is chosen before rendering (every pick but `random`).
    private let pickedFirst: [[Int]]
    private var scratch = ""
    /// The run's captured variables (`VariableNames`), to name one that has no value yet.
    private let variableNames: [String]

    init(plans: [RequestPlan], sources: [SourceValues], variableNames: [String] = []) {
        self.plans = plans
        self.sources = sources
        self.variableNames = variableNames
        rows = Array(repeating: -1, count: sources.count)
        pickedFirst = plans.map { plan in
            var used = plan.url.sourceIndices
            for template in plan.headerLines + (plan.body.map { [$0] } ?? []) {
                used += template.sourceIndices.filter { !used.contains($0) }
            }
            return used.filter { !sources[$0].picker.drawsAtRandom }
        }
        scratch.reserveCapacity(256)
    }

    /// Configures `transfer` for closed user `user`'s request `requestIndex`, with the user's captured `variables`;
    /// returns the failure to record instead of sending when a rendered header holds CR, LF or NUL (only templated
    /// lines are scanned, once each), or when a template needs a variable the user has not captured yet (category
    /// `capture`). Throws, configuring nothing, when a `unique` source that ends the stage has no row left.
    mutating func configure(
        _ transfer: CurlTransfer, requestIndex: Int, user: Int, random: inout RandomSource,
        variables: UserVariables = .none
    ) throws(SourceExhausted) -> RequestFailure? {
        for index in rows.indices { rows[index] = -1 }
        for source in pickedFirst[requestIndex] {
            guard let row = sources[source].picker.row(forUser: user) else { throw SourceExhausted(source: source) }
            rows[source] = Int(truncatingIfNeeded: row)
        }
        return render(transfer, requestIndex: requestIndex, random: &random, variables: variables)
    }

    /// Configures `transfer` for open arrival `arrival`'s request `requestIndex` (rows that are not drawn at random
    /// follow k); returns the failure to record instead of sending, as for a closed user. Arrivals have no user, so
    /// no captured variables (`validate` refuses captures in a profile with open stages).
    mutating func configure(
        _ transfer: CurlTransfer, requestIndex: Int, arrival: Int, random: inout RandomSource
    ) -> RequestFailure? {
        for index in rows.indices { rows[index] = -1 }
        for source in pickedFirst[requestIndex] {
            rows[source] = Int(truncatingIfNeeded: sources[source].picker.row(forArrival: arrival))
        }
        return render(transfer, requestIndex: requestIndex, random: &random)
    }

    /// Renders request `requestIndex` onto `transfer` with the rows picked so far (the rest drawn from `random`) and
    /// the user's `variables`.
    private mutating func render(
        _ transfer: CurlTransfer, requestIndex: Int, random: inout RandomSource, variables: UserVariables = .none
    ) -> RequestFailure? {
        let plan = plans[requestIndex]
        if transfer.configuredRequestIndex != requestIndex {
            applyMethod(plan, to: transfer)
            if let shared = plan.sharedHeaders {
                transfer.setOwnedHeaders(nil)
                lr_easy_setopt_pointer(transfer.handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(shared.list))
            }
            transfer.keepResponse(body: plan.response?.keepsBody ?? false, headers: plan.response?.keepsHeaders ?? false)
            transfer.configuredRequestIndex = requestIndex
        }
        scratch.removeAll(keepingCapacity: true)
        if let missing = plan.url.render(into: &scratch, sources: sources, rows: &rows, random: &random, variables: variables) {
            return unset(missing)
        }
        transfer.setURL(scratch)
        if plan.sharedHeaders == nil {
            var list: UnsafeMutablePointer<curl_slist>?
            for (line, refusal) in zip(plan.headerLines, plan.headerRefusals) {
                scratch.removeAll(keepingCapacity: true)
                if let missing = line.render(into: &scratch, sources: sources, rows: &rows, random: &random, variables: variables) {
                    curl_slist_free_all(list)
                    return unset(missing)
                }
                if let refusal, HeaderValueSafety.hasLineBreakOrNUL(scratch) {
                    curl_slist_free_all(list)
                    return refusal
                }
                list = curl_slist_append(list, scratch)
            }
            transfer.setOwnedHeaders(list)
        }
        if let body = plan.body {
            scratch.removeAll(keepingCapacity: true)
            if let missing = body.render(into: &scratch, sources: sources, rows: &rows, random: &random, variables: variables) {
                return unset(missing)
            }
            lr_easy_setopt_off_t(transfer.handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(scratch.utf8.count))
            lr_easy_setopt_string(transfer.handle, CURLOPT_COPYPOSTFIELDS, scratch)
        }
        if let response = plan.response {
            transfer.kept?.reset(maxBodyBytes: response.maxBodyBytes)
            transfer.expectedTexts.removeAll(keepingCapacity: true)
            for expected in response.expected {
                var text = ""
                if let missing = expected?.render(into: &text, sources: sources, rows: &rows, random: &random, variables: variables) {
                    return unset(missing)
                }
                transfer.expectedTexts.append(text)
            }
        }
        return nil
    }

    /// The failure of a request not sent because variable `index` has no value yet for this user.
    private func unset(_ index: Int) -> RequestFailure {
        RequestFailure(category: .capture, message: ScenarioMessage.variableUnset(variableNames[index]))
    }

    /// Sets the method options from a clean state, since the handle may have sent another request before.
    /// A body (set per request) makes libcurl send a POST; `CUSTOMREQUEST` then renames the verb.
    private func applyMethod(_ plan: RequestPlan, to transfer: CurlTransfer) {
        let handle = transfer.handle
        lr_easy_setopt_long(handle, CURLOPT_NOBODY, 0)
        lr_easy_setopt_pointer(handle, CURLOPT_CUSTOMREQUEST, nil)
        lr_easy_setopt_long(handle, CURLOPT_HTTPGET, 1)
        let sendsBody = plan.body != nil || ["POST", "PUT", "PATCH"].contains(plan.method)
        if plan.method == "HEAD" {
            lr_easy_setopt_long(handle, CURLOPT_NOBODY, 1)
        } else if sendsBody && plan.body == nil {
            lr_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, 0)
            lr_easy_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, "")
        }
        if plan.method != "GET" && plan.method != "HEAD" && plan.method != "POST" {
            lr_easy_setopt_string(handle, CURLOPT_CUSTOMREQUEST, plan.method)
        }
    }
}

/// A closed user's request needed a row of a `unique` source (`source`: its index) whose rows were all used.
struct SourceExhausted: Error {
    let source: Int
}
