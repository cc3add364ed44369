import Foundation
import Hummingbird
import NIOCore

/// The template API: `POST /template` with `{"name": "...", "body": "..."}`, and `GET /template/{id}`.
///
/// The write: 201 `{"id": N, "node": "replica1"}` once the commit returned; 400 for a bad body; 503 when no primary
/// answers or the commit is not confirmed in time, with `outcome` saying whether a row may exist. The read goes
/// where `--reads` sends reads and names its node in `X-Served-By`: 200 with the row, 404 when that node does not
/// have it (yet), 400 for an id that is not a positive integer, 503 when the node fails.
struct TemplateRoutes: Sendable {
    let store: TemplateStore
    let reads: UserStore

    /// Adds the routes to `router`.
    func register(on router: Router<BasicRequestContext>) {
        router.post("/template") { request, _ in await create(request) }
        router.get("/template/:id") { _, context in await get(context.parameters.get("id") ?? "") }
    }

    func get(_ text: String) async -> Response {
        guard let id = Int64(text), id > 0 else { return JSONResponse.error(.badRequest, Messages.notATemplateID(text)) }
        do {
            let served = try await reads.template(id: id)
            guard let row = served.value else {
                let missing = TemplateMissing(error: Messages.templateNotFound(id), node: served.node)
                return JSONResponse.make(missing, status: .notFound, servedBy: served.node)
            }
            return JSONResponse.make(TemplateReply(row, node: served.node), servedBy: served.node)
        } catch {
            return UserRoutes.unavailable(error)
        }
    }

    func create(_ request: Request) async -> Response {
        let bytes: ByteBuffer
        do {
            bytes = try await request.body.collect(upTo: NewTemplate.maxRequestBytes)
        } catch is NIOTooManyBytesError {
            return JSONResponse.error(.badRequest, Messages.templateTooLarge(maxBytes: NewTemplate.maxRequestBytes))
        } catch {
            return JSONResponse.error(.badRequest, Messages.templateUnreadable(error))
        }
        let template: NewTemplate
        do {
            template = try NewTemplate.parse(Data(bytes.readableBytesView))
        } catch {
            return JSONResponse.error(.badRequest, error.message)
        }
        switch await store.insert(template) {
        case .success(let created): return JSONResponse.make(created, status: .created)
        case .failure(let failure): return JSONResponse.make(failure, status: .serviceUnavailable)
        }
    }
}
