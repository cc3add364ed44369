import Foundation

/// Which exposition `/metrics` answers with, from the scraper's `Accept` header: the protobuf one (with native
/// histograms) when it is listed (`application/vnd.google.protobuf` with `proto=io.prometheus.client.MetricFamily`
/// and `encoding=delimited`) with a quality above 0 and no lower than any text format the header accepts, as
/// Prometheus sends it when native histograms are enabled; the text format otherwise, also without a header.
enum MetricsFormat: Equatable {
    case text
    case protobuf

    static func negotiate(accept: String?) -> MetricsFormat {
        guard let accept else { return .text }
        var protobufQuality = 0.0
        var textQuality = 0.0
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let type = parts.first?.lowercased() else { continue }
            var parameters: [String: String] = [:]
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2 { parameters[pair[0].lowercased()] = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            }
            let quality = parameters["q"].flatMap(Double.init) ?? 1
            switch type {
            case "application/vnd.google.protobuf"
                where parameters["proto"] == "io.prometheus.client.MetricFamily" && parameters["encoding"] == "delimited":
                protobufQuality = max(protobufQuality, quality)
            case "text/plain", "application/openmetrics-text", "text/*", "*/*":
                textQuality = max(textQuality, quality)
            default:
                continue
            }
        }
        return protobufQuality > 0 && protobufQuality >= textQuality ? .protobuf : .text
    }
}
