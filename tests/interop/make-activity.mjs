// Inbound Teams activities shaped with botframework-schema's own types and constants, for tests that need
// activities the way Microsoft's SDK describes them (rather than hand-written JSON).
//
//   node make-activity.mjs <kind> [serviceUrl]   prints one activity as JSON
//   import { makeActivity, kinds } from './make-activity.mjs'
//
// kinds: message, mention, submit, execute, installPersonal, installTeam, installationAdd, reaction
import { ActivityTypes, Channels, RoleTypes } from 'botframework-schema';

const bot = { id: '28:11111111-2222-3333-4444-555555555555', name: 'OppBot', role: RoleTypes.Bot };
const user = { id: '29:1user-li-wei', name: 'Li Wei', aadObjectId: '0b1c0000-0000-4000-8000-0000000000a1', role: RoleTypes.User };
const tenantId = '72f90000-0000-4000-8000-000000000001';
const personal = { id: 'a:1personal-chat', conversationType: 'personal', tenantId };
const channel = { id: '19:sales@thread.tacv2;messageid=1700000000555', conversationType: 'channel', isGroup: true, tenantId };
const teamData = { tenant: { id: tenantId }, team: { id: '19:team@thread.tacv2', name: 'Sales' }, channel: { id: '19:sales@thread.tacv2' } };

/** @returns {import('botframework-schema').Activity} */
function base(type, conversation, serviceUrl, extra) {
    return {
        type,
        id: extra.id ?? '1700000000001',
        timestamp: new Date('2026-11-22T09:00:00.000Z'),
        channelId: Channels.Msteams,
        serviceUrl,
        from: user,
        recipient: bot,
        conversation,
        channelData: conversation === channel ? teamData : { tenant: { id: tenantId } },
        locale: 'zh-CN',
        ...extra,
    };
}

export const kinds = {
    message: (s) => base(ActivityTypes.Message, personal, s, { text: '新商机 Acme 50万', textFormat: 'plain' }),
    mention: (s) =>
        base(ActivityTypes.Message, channel, s, {
            text: '<at>OppBot</at> advance Acme',
            entities: [{ type: 'mention', mentioned: bot, text: '<at>OppBot</at>' }],
            locale: 'en-US',
        }),
    submit: (s) => base(ActivityTypes.Message, personal, s, { replyToId: '1700000000700', value: { verb: 'advance', deal: 'D-42', note: '已报价' } }),
    execute: (s) =>
        base(ActivityTypes.Invoke, channel, s, {
            id: 'f:invoke-1',
            name: 'adaptiveCard/action',
            replyToId: '1700000000555',
            value: { action: { type: 'Action.Execute', verb: 'approve', data: { deal: 'D-42' } }, trigger: 'manual' },
        }),
    installPersonal: (s) => base(ActivityTypes.ConversationUpdate, personal, s, { id: 'f:install-1', membersAdded: [user, bot] }),
    installTeam: (s) =>
        base(ActivityTypes.ConversationUpdate, { ...channel, id: '19:sales@thread.tacv2' }, s, {
            id: 'f:install-2',
            membersAdded: [{ id: bot.id }],
            channelData: { ...teamData, eventType: 'teamMemberAdded' },
        }),
    installationAdd: (s) => base(ActivityTypes.InstallationUpdate, personal, s, { id: 'f:install-3', action: 'add' }),
    reaction: (s) => base(ActivityTypes.MessageReaction, personal, s, { reactionsAdded: [{ type: 'like' }], replyToId: '1700000000700' }),
};

export function makeActivity(kind, serviceUrl = 'https://smba.trafficmanager.net/apac/') {
    const make = kinds[kind];
    if (!make) {
        throw new Error(`unknown kind ${kind}; one of ${Object.keys(kinds).join(', ')}`);
    }
    return make(serviceUrl);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
    process.stdout.write(JSON.stringify(makeActivity(process.argv[2] ?? 'message', process.argv[3])) + '\n');
}
