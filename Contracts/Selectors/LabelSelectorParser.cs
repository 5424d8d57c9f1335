using EventOrch.Contracts.Validation;

namespace EventOrch.Contracts.Selectors;

/// <summary>The lexer and recursive-descent parser of Kubernetes' label selector syntax
/// (k8s.io/apimachinery/pkg/labels/selector.go), with its error messages.</summary>
internal sealed class LabelSelectorParser
{
    private enum Token { EndOfString, ClosedPar, Comma, DoesNotExist, DoubleEquals, Equals, GreaterThan, Identifier, In, LessThan, NotEquals, NotIn, OpenPar }

    // In a value position the keywords 'in' and 'notin' are plain identifiers.
    private enum Context { KeyAndOperator, Values }

    private const string BinaryOperators = "in, notin, =, ==, !=, gt, lt";

    private static readonly Dictionary<string, Token> Tokens = new(StringComparer.Ordinal)
    {
        [")"] = Token.ClosedPar,
        [","] = Token.Comma,
        ["!"] = Token.DoesNotExist,
        ["=="] = Token.DoubleEquals,
        ["="] = Token.Equals,
        [">"] = Token.GreaterThan,
        ["in"] = Token.In,
        ["<"] = Token.LessThan,
        ["!="] = Token.NotEquals,
        ["notin"] = Token.NotIn,
        ["("] = Token.OpenPar,
    };

    private readonly List<(Token Token, string Literal)> _items;
    private int _position;

    private LabelSelectorParser(string text) => _items = Lex(text);

    /// <summary>The requirements of <paramref name="text"/>, or null and an error.</summary>
    public static List<LabelRequirement>? Parse(string text, out string? error)
    {
        try
        {
            error = null;
            return new LabelSelectorParser(text).ParseSelector();
        }
        catch (FormatException e)
        {
            error = e.Message;
            return null;
        }
    }

    private List<LabelRequirement> ParseSelector()
    {
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            var (token, literal) = Lookahead(Context.Values);
            switch (token)
            {
                case Token.Identifier or Token.DoesNotExist:
                    try
                    {
                        requirements.Add(ParseRequirement());
                    }
                    catch (FormatException e)
                    {
                        throw new FormatException("unable to parse requirement: " + e.Message);
                    }
                    var (next, nextLiteral) = Consume(Context.Values);
                    if (next == Token.EndOfString) return requirements;
                    if (next != Token.Comma) throw Fail($"found '{nextLiteral}', expected: ',' or 'end of string'");
                    var (afterComma, afterLiteral) = Lookahead(Context.Values);
                    if (afterComma is not (Token.Identifier or Token.DoesNotExist))
                    {
                        throw Fail($"found '{afterLiteral}', expected: identifier after ','");
                    }
                    break;
                case Token.EndOfString:
                    return requirements;
                default:
                    throw Fail($"found '{literal}', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private LabelRequirement ParseRequirement()
    {
        var (key, op) = ParseKeyAndInferOperator();
        if (op is LabelOperator.Exists or LabelOperator.DoesNotExist) return Create(key, op.Value, []);
        var binary = ParseOperator();
        var values = binary is LabelOperator.In or LabelOperator.NotIn ? ParseValues() : ParseExactValue();
        return Create(key, binary, values.Order(StringComparer.Ordinal).ToArray());
    }

    private (string Key, LabelOperator? Operator) ParseKeyAndInferOperator()
    {
        LabelOperator? op = null;
        var (token, literal) = Consume(Context.Values);
        if (token == Token.DoesNotExist)
        {
            op = LabelOperator.DoesNotExist;
            (token, literal) = Consume(Context.Values);
        }
        if (token != Token.Identifier) throw Fail($"found '{literal}', expected: identifier");
        var keyErrors = NameValidation.IsQualifiedName(literal);
        if (keyErrors.Count > 0) throw Fail(FieldError.Invalid("<nil>", literal, string.Join("; ", keyErrors)).Message);
        if (Lookahead(Context.Values).Token is Token.EndOfString or Token.Comma && op is null) op = LabelOperator.Exists;
        return (literal, op);
    }

    private LabelOperator ParseOperator()
    {
        var (token, literal) = Consume(Context.KeyAndOperator);
        return token switch
        {
            Token.In => LabelOperator.In,
            Token.Equals => LabelOperator.Equals,
            Token.DoubleEquals => LabelOperator.DoubleEquals,
            Token.GreaterThan => LabelOperator.GreaterThan,
            Token.LessThan => LabelOperator.LessThan,
            Token.NotIn => LabelOperator.NotIn,
            Token.NotEquals => LabelOperator.NotEquals,
            _ => throw Fail($"found '{literal}', expected: {BinaryOperators}"),
        };
    }

    private HashSet<string> ParseValues()
    {
        var (token, literal) = Consume(Context.Values);
        if (token != Token.OpenPar) throw Fail($"found '{literal}' expected: '('");
        (token, literal) = Lookahead(Context.Values);
        switch (token)
        {
            case Token.Identifier or Token.Comma:
                var values = ParseIdentifiersList();
                if (Consume(Context.Values).Token != Token.ClosedPar) throw Fail($"found '{literal}', expected: ')'");
                return values;
            case Token.ClosedPar:
                Consume(Context.Values);
                return [""];
            default:
                throw Fail($"found '{literal}', expected: ',', ')' or identifier");
        }
    }

    private HashSet<string> ParseIdentifiersList()
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var (token, literal) = Consume(Context.Values);
            switch (token)
            {
                case Token.Identifier:
                    values.Add(literal);
                    var (next, nextLiteral) = Lookahead(Context.Values);
                    if (next == Token.Comma) continue;
                    if (next == Token.ClosedPar) return values;
                    throw Fail($"found '{nextLiteral}', expected: ',' or ')'");
                case Token.Comma:
                    // "(,x", "x,)" and "x,,y" each contribute an empty value.
                    if (values.Count == 0) values.Add("");
                    var after = Lookahead(Context.Values).Token;
                    if (after == Token.ClosedPar)
                    {
                        values.Add("");
                        return values;
                    }
                    if (after == Token.Comma)
                    {
                        Consume(Context.Values);
                        values.Add("");
                    }
                    break;
                default:
                    throw Fail($"found '{literal}', expected: ',', or identifier");
            }
        }
    }

    private HashSet<string> ParseExactValue()
    {
        if (Lookahead(Context.Values).Token is Token.EndOfString or Token.Comma) return [""];
        var (token, literal) = Consume(Context.Values);
        if (token == Token.Identifier) return [literal];
        throw Fail($"found '{literal}', expected: identifier");
    }

    private static LabelRequirement Create(string key, LabelOperator op, IReadOnlyList<string> values) =>
        LabelSelector.TryCreate(key, op, values, out var requirement, out var error) ? requirement : throw Fail(error!);

    private (Token Token, string Literal) Lookahead(Context context) => Adjust(_items[_position], context);

    private (Token Token, string Literal) Consume(Context context)
    {
        var item = _items[_position];
        if (_position < _items.Count - 1) _position++;
        return Adjust(item, context);
    }

    private static (Token, string) Adjust((Token Token, string Literal) item, Context context) =>
        context == Context.Values && item.Token is Token.In or Token.NotIn ? (Token.Identifier, item.Literal) : item;

    private static FormatException Fail(string message) => new(message);

    private static List<(Token, string)> Lex(string text)
    {
        var items = new List<(Token, string)>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && IsWhitespace(text[i])) i++;
            if (i >= text.Length)
            {
                items.Add((Token.EndOfString, ""));
                return items;
            }
            var start = i;
            if (IsSpecialSymbol(text[i]))
            {
                // The longest run of symbols that is still a token: "!=" and "==" over "!" and "=".
                var end = i + 1;
                if (end < text.Length && Tokens.ContainsKey(text[start..(end + 1)])) end++;
                var symbol = text[start..end];
                items.Add((Tokens[symbol], symbol));
                i = end;
                continue;
            }
            while (i < text.Length && !IsWhitespace(text[i]) && !IsSpecialSymbol(text[i])) i++;
            var word = text[start..i];
            items.Add((Tokens.TryGetValue(word, out var keyword) ? keyword : Token.Identifier, word));
        }
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsSpecialSymbol(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';
}
