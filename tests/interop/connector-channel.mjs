// A fake Bot Connector built from Microsoft's own botbuilder 4.23.3: ChannelServiceRoutes parses every REST call
// exactly as the SDK's channel side does, and the ChannelServiceHandler below records what it understood.
//
//   node connector-channel.mjs [port]     (port 0 or none: any free port)
//
// stdout: first line {"port":N}, then one JSON line per call: {"op":"sendToConversation","conversationId":…,"activity":…}
// Answers with ResourceResponse ids: activity-1, activity-2, …; creates answer a:created-N. Authentication is off
// (empty app id), so requests without a token are accepted, as in the bot's local mode. Runs until killed.
import http from 'node:http';
import { ChannelServiceHandler, ChannelServiceRoutes } from 'botbuilder';
import { AuthenticationConfiguration, SimpleCredentialProvider } from 'botframework-connector';

let activities = 0;
let conversations = 0;
const record = (op, fields) => process.stdout.write(JSON.stringify({ op, ...fields }) + '\n');

class RecordingChannel extends ChannelServiceHandler {
    constructor() {
        super(new SimpleCredentialProvider('', ''), new AuthenticationConfiguration());
    }

    async onSendToConversation(_claims, conversationId, activity) {
        record('sendToConversation', { conversationId, activity });
        return { id: `activity-${++activities}` };
    }

    async onReplyToActivity(_claims, conversationId, activityId, activity) {
        record('replyToActivity', { conversationId, activityId, activity });
        return { id: `activity-${++activities}` };
    }

    async onUpdateActivity(_claims, conversationId, activityId, activity) {
        record('updateActivity', { conversationId, activityId, activity });
        return { id: activityId };
    }

    async onDeleteActivity(_claims, conversationId, activityId) {
        record('deleteActivity', { conversationId, activityId });
    }

    async onCreateConversation(_claims, parameters) {
        const id = `a:created-${++conversations}`;
        record('createConversation', { parameters, id });
        return { id };
    }

    async onGetConversationMembers(_claims, conversationId) {
        record('getConversationMembers', { conversationId });
        return [{ id: '29:1user-li-wei', name: 'Li Wei', aadObjectId: '0b1c0000-0000-4000-8000-0000000000a1' }];
    }
}

// The restify-style WebServer ChannelServiceRoutes expects: get/post/put/del(path, (req, res, next) => …),
// with req.params decoded per segment, res.status/send buffered until res.end (restify sends status and body together).
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
        record('unrouted', { method: req.method, path: url.pathname });
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
