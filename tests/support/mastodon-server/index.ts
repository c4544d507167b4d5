export { startMastodonServer, startHtmlServer, paginate, MastodonTestServer, type Fault, type MastodonServerOptions, type OpenStream, type RecordedRequest } from './server'
export { MastodonWorld, compareIds, type WorldAccount, type WorldStatus, type WorldNotification, type WorldEvent, type PostOptions } from './world'
export { mastodonOpenApi, OpenApiChecker, MASTODON_OPENAPI_PATH } from './openapi'
