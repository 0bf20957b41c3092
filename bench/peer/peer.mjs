// The peer in OppBot's chat benchmark (bench/README.md): a bot written with Microsoft's Bot Framework SDK for
// JavaScript, botbuilder 4.23.3's CloudAdapter, with authentication off the SDK's own way (an empty app id through
// ConfigurationBotFrameworkAuthentication). It answers what OppBot answers, byte for byte: the bench captures
// OppBot's replies for each command first and hands them over in the fixtures file.
//
//   node peer.mjs <port> <fixtures.json>
//
// fixtures.json: { "replies": { "help": [activity, ...], "show": [...], "log": [...] }, "invoke": <invoke body> }
// A message turn sends a typing activity and then the command's replies, each through the SDK's connector client;
// an adaptiveCard/action invoke is answered in the HTTP response with the captured card, as OppBot does.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

const [port, fixturesPath] = process.argv.slice(2);
const fixtures = JSON.parse(readFileSync(fixturesPath, 'utf8'));

const auth = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' });
const adapter = new CloudAdapter(auth);
adapter.onTurnError = async (_context, error) => {
    process.stderr.write(`turn error: ${error?.stack ?? error}\n`);
};

// The same text OppBot's parser sees: the first word picks the answer.
const commandOf = (text) => (text ?? '').trim().split(/\s+/)[0].toLowerCase();

async function logic(context) {
    const activity = context.activity;
    if (activity.type === 'message') {
        const replies = fixtures.replies[commandOf(activity.text)] ?? fixtures.replies.help;
        await context.sendActivity({ type: 'typing' });
        // Copies: the SDK writes the conversation reference into the activities it sends.
        await context.sendActivities(replies.map((reply) => structuredClone(reply)));
    } else if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
        await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: fixtures.invoke } });
    }
}

// CloudAdapter.process wants an Express/Restify-shaped request (parsed body) and response.
function responseShim(res) {
    return {
        socket: res.socket,
        header: (name, value) => res.setHeader(name, value),
        status: (code) => {
            res.statusCode = code;
        },
        send: (body) => {
            if (body === undefined || body === null) {
                return;
            }
            if (typeof body === 'object' && !Buffer.isBuffer(body)) {
                res.setHeader('Content-Type', 'application/json; charset=utf-8');
                res.write(JSON.stringify(body));
            } else {
                res.write(body);
            }
        },
        end: () => res.end(),
    };
}

const server = http.createServer(async (req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') {
        res.end('ok');
        return;
    }

    if (req.method !== 'POST' || req.url !== '/api/messages') {
        res.statusCode = 404;
        res.end();
        return;
    }

    const chunks = [];
    for await (const chunk of req) {
        chunks.push(chunk);
    }

    try {
        req.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
        res.statusCode = 400;
        res.end();
        return;
    }

    await adapter.process(req, responseShim(res), logic);
});
server.keepAliveTimeout = 60_000;
server.listen(Number(port), '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n'));
