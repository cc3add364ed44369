import Foundation
import Hummingbird

/// The read API: `/user/get/{id}`, `/user/search`, `/user/get-ids`, `/health`, `/metrics`.
///
/// Handlers never throw: bad input is 400, a missing user 404, a database failure 503, each with a message
/// from ``Messages``. Every answer from a database names its node in `X-Served-By`.
struct UserRoutes: Sendable {
    let store: UserStore

    /// Adds every route to `router`.
    func register(on router: Router<BasicRequestContext>) {
        router.get("/user/get/:id") { request, context in await getUser(context.parameters.get("id") ?? "") }
        router.get("/user/search") { request, _ in await search(request.uri.queryParameters) }
        router.get("/user/get-ids") { request, _ in await ids(request.uri.queryParameters) }
        router.get("/health") { _, _ in await health() }
        router.get("/metrics") { _, _ in JSONResponse.make(store.nodes.metrics()) }
    }

    func getUser(_ text: String) async -> Response {
        guard let id = UUID(uuidString: text) else { return JSONResponse.error(.badRequest, Messages.notAUUID(text)) }
        do {
            let served = try await store.user(id: id)
            guard let user = served.value else {
                return JSONResponse.error(.notFound, Messages.userNotFound(text), servedBy: served.node)
            }
            return JSONResponse.make(user, servedBy: served.node)
        } catch {
            return Self.unavailable(error)
        }
    }

    func search(_ query: Parameters) async -> Response {
        let first = query.get("first_name") ?? ""
        let last = query.get("last_name") ?? ""
        guard !(first.isEmpty && last.isEmpty) else { return JSONResponse.error(.badRequest, Messages.searchNeedsAName) }
        do {
            let served = try await store.search(firstName: first, lastName: last)
            return JSONResponse.make(served.value, servedBy: served.node)
        } catch {
            return Self.unavailable(error)
        }
    }

    func ids(_ query: Parameters) async -> Response {
        let numberText = query.get("number")
        guard let count = numberText.flatMap({ Int($0) }), (1...UserStore.maxIds).contains(count) else {
            return JSONResponse.error(.badRequest, Messages.badNumber(numberText, max: UserStore.maxIds))
        }
        let randomText = query.get("random") ?? "false"
        guard let random = Bool(randomText.lowercased()) else {
            return JSONResponse.error(.badRequest, Messages.badRandom(randomText))
        }
        do {
            let served = try await store.ids(count: count, random: random)
            return JSONResponse.make(served.value.map { $0.uuidString.lowercased() }, servedBy: served.node)
        } catch {
            return Self.unavailable(error)
        }
    }

    func health() async -> Response {
        let primary = store.nodes.tracker.routingPrimary
        guard await store.isUp(primary) else {
            return JSONResponse.error(.serviceUnavailable, Messages.databaseUnavailable(primary, "select 1 failed"))
        }
        return JSONResponse.make(HealthBody(ok: true, reads: store.nodes.readMode.rawValue))
    }

    /// 503 naming the node that failed, in the message and in `X-Served-By`.
    static func unavailable(_ failure: DatabaseFailure) -> Response {
        JSONResponse.error(.serviceUnavailable, Messages.databaseUnavailable(failure.node, failure.reason), servedBy: failure.node)
    }
}

/// The body of `GET /health`.
struct HealthBody: Codable, Sendable {
    var ok: Bool
    var reads: String
}
