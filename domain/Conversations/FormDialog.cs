using System.Globalization;
using System.Text.Json;

namespace OppBot.Domain.Conversations;

/// <summary>
/// Runs any form card step by step, one question per message, on channels without form inputs (WeCom).
/// The form's inputs and its submit action are stored in the <see cref="DialogState"/>, so the dialog survives a
/// restart and works across instances; when the last question is answered, the values are submitted exactly as
/// the card would have submitted them.
/// </summary>
public static class FormDialog
{
    /// <summary>The dialog name.</summary>
    public const string Name = "form";

    private const string InputsKey = "_inputs";
    private const string SubmitKey = "_submit";
    private const string TitleKey = "_title";
    private const string ErrorKey = "_error";

    private static readonly string[] SkipWords = ["skip", "跳过", "-", "无", "none", "n/a"];

    /// <summary>The first card of a reply that is a form (has inputs and a submit button).</summary>
    public static (Card Card, CardAction Submit)? FindForm(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        foreach (var card in reply.Cards)
        {
            var submit = card.Actions.FirstOrDefault(a => a.SubmitsInputs);
            if (card.Inputs.Count > 0 && submit is not null)
            {
                return (card, submit);
            }
        }

        return null;
    }

    /// <summary>Starts a dialog for a form, at the first field with an error, else the first without a value.</summary>
    public static DialogState Start(string key, Guid userId, Card card, CardAction submit, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(submit);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [InputsKey] = JsonSerializer.Serialize(card.Inputs.Select(i => new StoredInput(i.Id, i.Label, i.Type, i.Required, i.Choices.Select(c => new[] { c.Value, c.Title }).ToList(), i.Placeholder)).ToList()),
            [SubmitKey] = JsonSerializer.Serialize(submit.Data.Append(new(CardAction.VerbKey, submit.Verb)).ToDictionary(p => p.Key, p => p.Value)),
            [TitleKey] = card.Title,
        };
        foreach (var input in card.Inputs.Where(i => !string.IsNullOrEmpty(i.Value)))
        {
            values[input.Id] = input.Value!;
        }

        var first = card.Inputs.Select((input, index) => (input, index)).FirstOrDefault(x => x.input.Error is not null);
        var step = first.input is not null ? first.index : NextEmpty(card.Inputs.Select(i => i.Id).ToList(), values, 0);
        if (first.input is not null)
        {
            values[ErrorKey] = first.input.Error!;
        }
        else if (card.Error is not null)
        {
            values[ErrorKey] = card.Error;
        }

        var dialog = new DialogState(key, userId, Name, values, expiresAt);
        dialog.Advance(step, values, expiresAt);
        return dialog;
    }

    /// <summary>The question for the current step.</summary>
    public static Reply Prompt(DialogState dialog, string locale)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        var inputs = Inputs(dialog);
        var input = inputs[Math.Clamp(dialog.Step, 0, inputs.Count - 1)];
        var actions = input.Choices.Select(c => new CardAction(c[1], Verbs.Answer) { Data = new Dictionary<string, string> { ["value"] = c[0] } }).ToList();
        if (input.Type == InputType.Toggle)
        {
            actions.Add(new CardAction(Strings.Get(locale, "form.yes"), Verbs.Answer) { Data = new Dictionary<string, string> { ["value"] = "true" } });
            actions.Add(new CardAction(Strings.Get(locale, "form.no"), Verbs.Answer) { Data = new Dictionary<string, string> { ["value"] = "false" } });
        }

        if (!input.Required)
        {
            actions.Add(new CardAction(Strings.Get(locale, "form.skip"), Verbs.Answer) { Data = new Dictionary<string, string> { ["value"] = "skip" } });
        }

        var lines = new List<string>();
        if (dialog.Values.TryGetValue(ErrorKey, out var error))
        {
            lines.Add("⚠ " + error);
        }

        if (dialog.Values.TryGetValue(input.Id, out var current) && current.Length > 0)
        {
            lines.Add(Strings.Get(locale, "form.current", current));
        }

        if (input.Placeholder is not null)
        {
            lines.Add(input.Placeholder);
        }

        lines.Add(Strings.Get(locale, input.Required ? "form.howto.required" : "form.howto.optional"));
        return Reply.FromCard(
            new Card
            {
                Title = $"{dialog.Values[TitleKey]} ({dialog.Step + 1}/{inputs.Count})",
                Text = input.Label + (input.Required ? " *" : string.Empty),
                Sections = [new CardSection(null, lines)],
                Actions = actions,
            },
            locale);
    }

    /// <summary>
    /// Takes the answer to the current question. Returns the values to submit when the form is complete,
    /// otherwise null (the dialog moved to the next question, or stayed with an error to show).
    /// </summary>
    public static IReadOnlyDictionary<string, string>? Answer(DialogState dialog, string text, string locale, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        var inputs = Inputs(dialog);
        var input = inputs[Math.Clamp(dialog.Step, 0, inputs.Count - 1)];
        var values = new Dictionary<string, string>(dialog.Values, StringComparer.Ordinal);
        values.Remove(ErrorKey);
        var answer = (text ?? string.Empty).Trim();
        var skipped = answer.Length == 0 || SkipWords.Contains(answer, StringComparer.OrdinalIgnoreCase);
        if (skipped && input.Required && !values.ContainsKey(input.Id))
        {
            values[ErrorKey] = Strings.Get(locale, "form.required");
            dialog.Advance(dialog.Step, values, expiresAt);
            return null;
        }

        if (!skipped)
        {
            if (Normalize(input, answer) is not { } value)
            {
                values[ErrorKey] = Strings.Get(locale, input.Type == InputType.Toggle ? "form.yesno" : "form.choose");
                dialog.Advance(dialog.Step, values, expiresAt);
                return null;
            }

            values[input.Id] = value;
        }

        var next = NextEmpty(inputs.Select(i => i.Id).ToList(), values, dialog.Step + 1);
        if (next < inputs.Count)
        {
            dialog.Advance(next, values, expiresAt);
            return null;
        }

        var submit = JsonSerializer.Deserialize<Dictionary<string, string>>(values[SubmitKey])!;
        foreach (var pair in values.Where(p => !p.Key.StartsWith('_')))
        {
            submit[pair.Key] = pair.Value;
        }

        return submit;
    }

    /// <summary>Goes back one question; false when already at the first.</summary>
    public static bool Back(DialogState dialog, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        if (dialog.Step == 0)
        {
            return false;
        }

        var values = new Dictionary<string, string>(dialog.Values, StringComparer.Ordinal);
        values.Remove(ErrorKey);
        dialog.Advance(dialog.Step - 1, values, expiresAt);
        return true;
    }

    private static int NextEmpty(IReadOnlyList<string> ids, IReadOnlyDictionary<string, string> values, int from)
    {
        var i = from;
        while (i < ids.Count && values.ContainsKey(ids[i]))
        {
            i++;
        }

        return i;
    }

    private static string? Normalize(StoredInput input, string answer)
    {
        switch (input.Type)
        {
            case InputType.Toggle:
                if (LeadForm.IsYes(answer))
                {
                    return "true";
                }

                return answer.ToLowerInvariant() is "false" or "no" or "n" or "0" or "否" or "没有" or "无" or "不" ? "false" : null;
            case InputType.Choice when input.Choices.Count > 0:
                var match = input.Choices.FirstOrDefault(c => c[0].Equals(answer, StringComparison.OrdinalIgnoreCase) || c[1].Equals(answer, StringComparison.OrdinalIgnoreCase));
                if (match is not null)
                {
                    return match[0];
                }

                return int.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= 1 && index <= input.Choices.Count && !input.Choices.Any(c => c[0] == answer)
                    ? input.Choices[index - 1][0]
                    : null;
            default:
                return answer;
        }
    }

    private static List<StoredInput> Inputs(DialogState dialog) =>
        JsonSerializer.Deserialize<List<StoredInput>>(dialog.Values[InputsKey]) ?? [];

    private sealed record StoredInput(string Id, string Label, InputType Type, bool Required, List<string[]> Choices, string? Placeholder);
}
