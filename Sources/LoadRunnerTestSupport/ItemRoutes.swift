import NIOHTTP1
import Synchronization

/// `POST /items` (201, `{"id": N, "name": "item N"}`, `Location: /items/N`) and `GET /items/{id}` (200 with the
/// item, 404 for an id never issued): a write that returns its id and a read of it, for captures and assertions.
/// `POST /items?visible_after_ms=D` makes the item readable only D ms after its creation (404 until then), like a
/// replica that applies the write late: the ground truth of visibility probes (`await:`).
/// The server keeps which connection created each id and which read it, so tests can check that captured ids
/// are the ones issued and that two virtual users never read each other's ids (a connection is one user when each
/// user runs on a curl loop of its own: a loop's transfers share its connection cache).
package final class ItemStore: Sendable {
    private struct State {
        var ownerByID: [Int: Int] = [:]
        var readsByOwner = 0
        var readsByOthers = 0
        var readsOfUnknown = 0
        var readIDs: [Int] = []
        var visibleAt: [Int: ContinuousClock.Instant] = [:]
        var gets = 0
        var staleReads = 0
    }

    private let state = Mutex(State())

    /// Every id issued so far, ascending.
    package var issuedIDs: [Int] { state.withLock { $0.ownerByID.keys.sorted() } }
    /// Reads of an id on the connection that created it.
    package var readsByOwner: Int { state.withLock { $0.readsByOwner } }
    /// Reads of an id on another connection than the one that created it.
    package var readsByOthers: Int { state.withLock { $0.readsByOthers } }
    /// Reads of an id never issued (answered 404).
    package var readsOfUnknown: Int { state.withLock { $0.readsOfUnknown } }
    /// The id of every read of a known item, in arrival order.
    package var readIDs: [Int] { state.withLock { $0.readIDs } }

    /// Every `GET /items/{id}`, whatever its answer.
    package var gets: Int { state.withLock { $0.gets } }
    /// Reads of an item created with `visible_after_ms` before that time passed (answered 404).
    package var staleReads: Int { state.withLock { $0.staleReads } }

    func create(connection: Int, visibleAfterMillis: Int = 0) -> Int {
        state.withLock { state in
            let id = state.ownerByID.count + 1
            state.ownerByID[id] = connection
            if visibleAfterMillis > 0 { state.visibleAt[id] = .now + .milliseconds(visibleAfterMillis) }
            return id
        }
    }

    /// Whether `id` exists and is visible yet, counting the read.
    func read(id: Int, connection: Int) -> Bool {
        state.withLock { state in
            state.gets += 1
            if let visibleAt = state.visibleAt[id] {
                guard ContinuousClock.now >= visibleAt else {
                    state.staleReads += 1
                    return false
                }
                state.visibleAt[id] = nil
            }
            guard let owner = state.ownerByID[id] else {
                state.readsOfUnknown += 1
                return false
            }
            if owner == connection { state.readsByOwner += 1 } else { state.readsByOthers += 1 }
            state.readIDs.append(id)
            return true
        }
    }
}

extension TestRoute {
    /// The `/items` routes, any method; nil for other paths.
    static func item(method: String, path: Substring, query: Substring = "") -> TestRoute? {
        if path == "/items" {
            let delay = (try? QueryParameters(parsing: query))?["visible_after_ms"].flatMap { Int($0) } ?? 0
            return method == "POST" ? .itemCreate(visibleAfterMillis: delay) : .methodNotAllowed
        }
        guard path.hasPrefix("/items/") else { return nil }
        guard method == "GET" else { return .methodNotAllowed }
        return .itemGet(id: Int(path.dropFirst("/items/".count)) ?? 0)
    }
}

extension RouteResponder {
    func itemAction(for route: TestRoute, connection: Int) -> RouteAction? {
        switch route {
        case .itemCreate(let visibleAfterMillis):
            let id = items.create(connection: connection, visibleAfterMillis: visibleAfterMillis)
            var response = CannedResponse.json(Self.itemBody(id), status: .created)
            response.location = "/items/\(id)"
            return .respond(response)
        case .itemGet(let id):
            guard items.read(id: id, connection: connection) else {
                return .respond(.text("no item \(id)", status: .notFound))
            }
            return .respond(.json(Self.itemBody(id)))
        default:
            return nil
        }
    }

    static func itemBody(_ id: Int) -> String { #"{"id": \#(id), "name": "item \#(id)", "tags": ["new", "x"]}"# }
}
