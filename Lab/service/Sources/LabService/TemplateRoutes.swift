import Foundation
import Hummingbird
import NIOCore

/// The write API: `POST /template` with `{"name": "...", "body": "..."}`.
///
/// 201 `{"id": N, "node": "replica1"}` once the commit returned; 400 for a bad body; 503 when no primary answers
/// or the commit is not confirmed in time, with `outcome` saying whether a row may exist.
struct TemplateRoutes: Sendable {
    let store: TemplateStore

    /// Adds the route to `router`.
    func register(on router: Router<BasicRequestContext>) {
        router.post("/template") { request, _ in await create(request) }
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
