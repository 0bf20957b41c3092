using System.Text;
using OppBot.Domain.Text;

namespace OppBot.Domain.Conversations;

/// <summary>
/// One-line lead capture: <c>lead 华为 ERP升级 50万 source=展会</c>, <c>lead Acme "CRM rollout" 1.2m</c>.
/// The first free word is the company, the rest the title; the first amount-looking word is the amount;
/// key=value pairs fill other fields. What is missing is asked for afterwards.
/// </summary>
public static class QuickLeadParser
{
    private static readonly Dictionary<string, string> Keys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["source"] = LeadFields.Source, ["来源"] = LeadFields.Source, ["src"] = LeadFields.Source,
        ["contact"] = LeadFields.Contact, ["联系人"] = LeadFields.Contact,
        ["dm"] = LeadFields.DecisionMaker, ["decision"] = LeadFields.DecisionMaker, ["决策人"] = LeadFields.DecisionMaker,
        ["email"] = LeadFields.Email, ["邮箱"] = LeadFields.Email,
        ["phone"] = LeadFields.Phone, ["tel"] = LeadFields.Phone, ["电话"] = LeadFields.Phone,
        ["amount"] = LeadFields.Amount, ["金额"] = LeadFields.Amount,
        ["company"] = LeadFields.Account, ["客户"] = LeadFields.Account, ["公司"] = LeadFields.Account,
        ["title"] = LeadFields.Title, ["标题"] = LeadFields.Title,
    };

    /// <summary>Parses the text after the <c>lead</c> word.</summary>
    public static ChatCommand.QuickLead Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        var free = new List<string>();
        foreach (var token in Tokenize(text ?? string.Empty))
        {
            var eq = token.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && !token.StartsWith('"'))
            {
                var key = token[..eq].Trim();
                var value = token[(eq + 1)..].Trim().Trim('"');
                if (Keys.TryGetValue(key, out var field) && value.Length > 0)
                {
                    values[field] = value;
                }
                else
                {
                    problems.Add(token);
                }

                continue;
            }

            if (!values.ContainsKey(LeadFields.Amount) && !token.StartsWith('"') && AmountParser.LooksLikeAmount(token) && free.Count > 0)
            {
                values[LeadFields.Amount] = token;
                continue;
            }

            free.Add(token.Trim('"'));
        }

        if (free.Count > 0 && !values.ContainsKey(LeadFields.Account))
        {
            values[LeadFields.Account] = free[0];
            free.RemoveAt(0);
        }

        if (free.Count > 0 && !values.ContainsKey(LeadFields.Title))
        {
            values[LeadFields.Title] = string.Join(' ', free);
        }

        return new ChatCommand.QuickLead(values, problems);
    }

    /// <summary>Splits on spaces, keeping "quoted phrases" (straight or curly quotes) together.</summary>
    public static IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.Replace('“', '"').Replace('”', '"').Replace('「', '"').Replace('」', '"');
        var tokens = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in normalized)
        {
            if (c == '"')
            {
                quoted = !quoted;
                current.Append(c);
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                Flush();
            }
            else
            {
                current.Append(c);
            }
        }

        Flush();
        return tokens;

        void Flush()
        {
            if (current.Length > 0)
            {
                var token = current.ToString();
                tokens.Add(token.Length > 1 && token[0] == '"' && token[^1] == '"' && !token.Contains('=', StringComparison.Ordinal) ? "\"" + token[1..^1] : token);
                current.Clear();
            }
        }
    }
}
