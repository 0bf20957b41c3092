// connector-channel.mjs plus what the channel sees of the bot's authentication: the same fake Bot Connector built from
// Microsoft's own botbuilder 4.23.3 (ChannelServiceRoutes parses every REST call as the SDK's channel side does), but
// every recorded call also carries the Authorization header it arrived with, so the end-to-end tests can check that
// the bot sends its outbound token (auth on) or none at all (local mode).
//
//   node connector-channel-auth.mjs [port] [members]   (port 0 or none: any free port; members: a JSON array of
//                                                       ChannelAccounts, the tenant's people GET …/members/{id} finds
//                                                       by Teams id or AAD object id)
//
// stdout: first line {"port":N}, then one JSON line per call:
//   {"op":"sendToConversation","conversationId":…,"activity":…,"id":"activity-1","authorization":"Bearer …"|null}
// Answers with ResourceResponse ids activity-1, activity-2, … (the "id" field of the line says which); creates answer
// a:created-N. The channel side's own token check stays off (empty app id): the header is recorded, not validated,
// because the token comes from the tests' fake token endpoint, which Microsoft's validator cannot know. Runs until killed.
import http from 'node:http';
import { ChannelServiceHandler, ChannelServiceRoutes, StatusCodeError, StatusCodes } from 'botbuilder';
import { AuthenticationConfiguration, ClaimsIdentity, SimpleCredentialProvider } from 'botframework-connector';

const AuthorizationClaim = 'oppbot-tests:authorization';

const members = JSON.parse(process.argv[3] ?? '[]');
let activities = 0;
let conversations = 0;
const record = (op, claims, fields) => {
    const authorization = claims.getClaimValue(AuthorizationClaim) || null;
    process.stdout.write(JSON.stringify({ op, ...fields, authorization }) + '\n');
};

class RecordingChannel extends ChannelServiceHandler {
    constructor() {
        super(new SimpleCredentialProvider('', ''), new AuthenticationConfiguration());
    }

    // The SDK authenticates each call before dispatching it; keep the header it saw on the caller's identity.
    async authenticate(authHeader) {
        const identity = await super.authenticate(authHeader);
        return new ClaimsIdentity([...identity.claims, { type: AuthorizationClaim, value: authHeader ?? '' }], identity.authenticationType);
    }

    async onSendToConversation(claims, conversationId, activity) {
        const id = `activity-${++activities}`;
        record('sendToConversation', claims, { conversationId, activity, id });
        return { id };
    }

    async onReplyToActivity(claims, conversationId, activityId, activity) {
        const id = `activity-${++activities}`;
        record('replyToActivity', claims, { conversationId, activityId, activity, id });
        return { id };
    }

    async onUpdateActivity(claims, conversationId, activityId, activity) {
        record('updateActivity', claims, { conversationId, activityId, activity, id: activityId });
        return { id: activityId };
    }

    async onDeleteActivity(claims, conversationId, activityId) {
        record('deleteActivity', claims, { conversationId, activityId });
    }

    async onCreateConversation(claims, parameters) {
        const id = `a:created-${++conversations}`;
        record('createConversation', claims, { parameters, id });
        return { id };
    }

    async onGetConversationMembers(claims, conversationId) {
        record('getConversationMembers', claims, { conversationId });
        return members;
    }

    async onGetConversationMember(claims, memberId, conversationId) {
        record('getConversationMember', claims, { conversationId, memberId });
        const member = members.find((m) => m.id === memberId || m.aadObjectId === memberId);
        if (!member) {
            throw new StatusCodeError(StatusCodes.NOT_FOUND, `no member ${memberId}`);
        }
        return member;
    }
}

// The restify-style WebServer ChannelServiceRoutes expects (as in connector-channel.mjs).
const routes = [];
const add = (method) => (pattern, handler) => {
    const keys = [];
    const source = pattern.replace(/:([A-Za-z]+)/g, (_, key) => {
        keys.push(key);
        return '([^/]+)';
    });
    routes.push({ method, regex: new RegExp(`^${source}$`), keys, handler });
};
const server = { get: add('GET'), post: add('POST'), put: add('PUT'), del: add('DELETE') };
new ChannelServiceRoutes(new RecordingChannel()).register(server);

const httpServer = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const route = routes
        .map((r) => ({ r, match: r.method === req.method ? r.regex.exec(url.pathname) : null }))
        .find((x) => x.match);
    if (!route) {
        process.stdout.write(JSON.stringify({ op: 'unrouted', method: req.method, path: url.pathname, authorization: req.headers.authorization ?? null }) + '\n');
        res.statusCode = 404;
        res.end();
        return;
    }

    req.params = Object.fromEntries(route.r.keys.map((key, i) => [key, decodeURIComponent(route.match[i + 1])]));
    req.query = Object.fromEntries(url.searchParams);
    let body;
    res.status = (code) => {
        res.statusCode = code;
    };
    res.send = (value) => {
        body = typeof value === 'string' ? value : JSON.stringify(value);
        if (typeof value !== 'string') {
            res.setHeader('Content-Type', 'application/json; charset=utf-8');
        }
    };
    const end = res.end.bind(res);
    res.end = () => (body === undefined ? end() : end(body));
    route.r.handler(req, res, () => {});
});

const port = Number(process.argv[2] ?? 0);
httpServer.listen(port, '127.0.0.1', () => {
    process.stdout.write(JSON.stringify({ port: httpServer.address().port }) + '\n');
});
