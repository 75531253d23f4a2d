using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DevRelHub.Workflows.Expressions;

/// <summary>An expression that does not parse, or cannot be evaluated over the variables it was given.</summary>
public sealed class ExpressionException(string message) : Exception(message);

/// <summary>
/// A condition or value over a workflow's variables, in a language small enough to read at a glance and
/// to evaluate safely: numbers, "strings", true, false, null, variable names (dotted for nested values),
/// <c>+ - * /</c>, comparisons <c>== != &lt; &lt;= &gt; &gt;=</c>, <c>and or not</c> and parentheses.
/// Nothing else: no calls, no assignments, no code. Parsed once per text and cached.
/// </summary>
public sealed class WorkflowExpression
{
    private static readonly ConcurrentDictionary<string, WorkflowExpression> Parsed = new(StringComparer.Ordinal);
    private readonly Node root;

    private WorkflowExpression(string text, Node root)
    {
        Text = text;
        this.root = root;
    }

    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>, or throws <see cref="ExpressionException"/> saying where it went wrong.</summary>
    public static WorkflowExpression Parse(string text)
    {
        if (Parsed.TryGetValue(text, out var cached))
        {
            return cached;
        }
        var expression = new WorkflowExpression(text, new Parser(text).ParseAll());
        return Parsed.Count < 10_000 ? Parsed.GetOrAdd(text, expression) : expression;
    }

    /// <summary>The problem with <paramref name="text"/>, or null when it parses.</summary>
    public static string? Check(string text)
    {
        try
        {
            Parse(text);
            return null;
        }
        catch (ExpressionException e)
        {
            return e.Message;
        }
    }

    /// <summary>The value: a double, string, bool or null.</summary>
    public object? Evaluate(JsonObject variables) => root.Evaluate(variables);

    public bool EvaluateCondition(JsonObject variables) => Evaluate(variables) is bool b
        ? b
        : throw new ExpressionException($"The condition {Text} does not give true or false.");

    /// <summary>The value of a variable as the expression language sees it.</summary>
    public static object? ValueOf(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.Number => value.TryGetValue(out double number) ? number : double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture),
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        },
        _ => node.ToJsonString(),
    };

    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        double d => JsonValue.Create(d),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private abstract record Node
    {
        public abstract object? Evaluate(JsonObject variables);
    }

    private sealed record Literal(object? Value) : Node
    {
        public override object? Evaluate(JsonObject variables) => Value;
    }

    private sealed record Variable(string[] Path) : Node
    {
        public override object? Evaluate(JsonObject variables)
        {
            JsonNode? current = variables;
            foreach (var part in Path)
            {
                current = current is JsonObject obj && obj.TryGetPropertyValue(part, out var child) ? child : null;
            }
            return ValueOf(current);
        }
    }

    private sealed record Not(Node Operand) : Node
    {
        public override object? Evaluate(JsonObject variables) => Operand.Evaluate(variables) is bool b
            ? !b
            : throw new ExpressionException("'not' needs true or false.");
    }

    private sealed record Negate(Node Operand) : Node
    {
        public override object? Evaluate(JsonObject variables) => Operand.Evaluate(variables) is double d
            ? -d
            : throw new ExpressionException("'-' needs a number.");
    }

    private sealed record Logical(string Operator, Node Left, Node Right) : Node
    {
        public override object? Evaluate(JsonObject variables)
        {
            var left = AsBool(Left.Evaluate(variables));
            if (Operator == "and" ? !left : left)
            {
                return left;
            }
            return AsBool(Right.Evaluate(variables));
        }

        private bool AsBool(object? value) => value as bool? ?? throw new ExpressionException($"'{Operator}' needs true or false on both sides.");
    }

    private sealed record Binary(string Operator, Node Left, Node Right) : Node
    {
        public override object? Evaluate(JsonObject variables)
        {
            var left = Left.Evaluate(variables);
            var right = Right.Evaluate(variables);
            return Operator switch
            {
                "==" => Equals(left, right),
                "!=" => !Equals(left, right),
                "+" when left is string || right is string => Text(left) + Text(right),
                "+" or "-" or "*" or "/" => Arithmetic(Number(left), Number(right)),
                _ => Compare(left, right) switch
                {
                    var c => Operator switch
                    {
                        "<" => c < 0,
                        "<=" => c <= 0,
                        ">" => c > 0,
                        _ => c >= 0,
                    },
                },
            };
        }

        private double Arithmetic(double left, double right) => Operator switch
        {
            "+" => left + right,
            "-" => left - right,
            "*" => left * right,
            _ => right == 0 ? throw new ExpressionException("Division by zero.") : left / right,
        };

        private double Number(object? value) => value as double?
            ?? throw new ExpressionException($"'{Operator}' needs numbers, not {Describe(value)}.");

        private int Compare(object? left, object? right) => (left, right) switch
        {
            (double a, double b) => a.CompareTo(b),
            (string a, string b) => string.CompareOrdinal(a, b),
            _ => throw new ExpressionException($"'{Operator}' cannot compare {Describe(left)} with {Describe(right)}."),
        };

        private static string Text(object? value) => value switch
        {
            null => "",
            double d => d.ToString(CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            _ => value.ToString() ?? "",
        };

        private static string Describe(object? value) => value switch
        {
            null => "nothing (a variable that is not set?)",
            double => "a number",
            string => "text",
            bool => "true/false",
            _ => "a value",
        };
    }

    private sealed class Parser(string text)
    {
        private const int MaxDepth = 64;
        private int position;
        private int depth;

        public Node ParseAll()
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new ExpressionException("The expression is empty.");
            }
            var node = Or();
            SkipSpace();
            if (position < text.Length)
            {
                throw Error($"Unexpected '{text[position]}'");
            }
            return node;
        }

        private Node Or()
        {
            if (++depth > MaxDepth)
            {
                throw Error($"The expression nests deeper than {MaxDepth} levels");
            }
            var left = And();
            while (Keyword("or"))
            {
                left = new Logical("or", left, And());
            }
            depth--;
            return left;
        }

        private Node And()
        {
            var left = NotExpression();
            while (Keyword("and"))
            {
                left = new Logical("and", left, NotExpression());
            }
            return left;
        }

        private Node NotExpression() => Keyword("not") ? new Not(Nested(NotExpression)) : Comparison();

        private Node Nested(Func<Node> parse)
        {
            if (++depth > MaxDepth)
            {
                throw Error($"The expression nests deeper than {MaxDepth} levels");
            }
            var node = parse();
            depth--;
            return node;
        }

        private Node Comparison()
        {
            var left = Sum();
            foreach (var op in (string[])["==", "!=", "<=", ">=", "<", ">"])
            {
                if (Symbol(op))
                {
                    return new Binary(op, left, Sum());
                }
            }
            return left;
        }

        private Node Sum()
        {
            var left = Product();
            while (true)
            {
                if (Symbol("+"))
                {
                    left = new Binary("+", left, Product());
                }
                else if (Symbol("-"))
                {
                    left = new Binary("-", left, Product());
                }
                else
                {
                    return left;
                }
            }
        }

        private Node Product()
        {
            var left = Unary();
            while (true)
            {
                if (Symbol("*"))
                {
                    left = new Binary("*", left, Unary());
                }
                else if (Symbol("/"))
                {
                    left = new Binary("/", left, Unary());
                }
                else
                {
                    return left;
                }
            }
        }

        private Node Unary() => Symbol("-") ? new Negate(Nested(Unary)) : Primary();

        private Node Primary()
        {
            SkipSpace();
            if (position >= text.Length)
            {
                throw Error("The expression ends too early");
            }
            var c = text[position];
            if (Symbol("("))
            {
                var inner = Or();
                return Symbol(")") ? inner : throw Error("Missing ')'");
            }
            if (c == '"')
            {
                return new Literal(StringLiteral());
            }
            if (char.IsAsciiDigit(c))
            {
                return new Literal(NumberLiteral());
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                var name = Identifier();
                return name switch
                {
                    "true" => new Literal(true),
                    "false" => new Literal(false),
                    "null" => new Literal(null),
                    "and" or "or" or "not" => throw Error($"'{name}' needs something before it"),
                    _ => new Variable(DottedPath(name)),
                };
            }
            throw Error($"Unexpected '{c}'");
        }

        private string[] DottedPath(string first)
        {
            var path = new List<string> { first };
            while (position < text.Length && text[position] == '.')
            {
                position++;
                if (position >= text.Length || !(char.IsAsciiLetter(text[position]) || text[position] == '_'))
                {
                    throw Error("A name must follow '.'");
                }
                path.Add(Identifier());
            }
            return [.. path];
        }

        private string Identifier()
        {
            var start = position;
            while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_'))
            {
                position++;
            }
            return text[start..position];
        }

        private double NumberLiteral()
        {
            var start = position;
            while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] == '.'))
            {
                position++;
            }
            return double.TryParse(text.AsSpan(start, position - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Error($"'{text[start..position]}' is not a number");
        }

        private string StringLiteral()
        {
            var start = position;
            position++;
            var value = new System.Text.StringBuilder();
            while (position < text.Length && text[position] != '"')
            {
                if (text[position] == '\\' && position + 1 < text.Length)
                {
                    position++;
                }
                value.Append(text[position++]);
            }
            if (position >= text.Length)
            {
                position = start;
                throw Error("The text that starts here has no closing '\"'");
            }
            position++;
            return value.ToString();
        }

        private bool Keyword(string word)
        {
            SkipSpace();
            var end = position + word.Length;
            if (end <= text.Length
                && string.CompareOrdinal(text, position, word, 0, word.Length) == 0
                && (end == text.Length || !(char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')))
            {
                position = end;
                return true;
            }
            return false;
        }

        private bool Symbol(string symbol)
        {
            SkipSpace();
            if (position + symbol.Length <= text.Length && string.CompareOrdinal(text, position, symbol, 0, symbol.Length) == 0)
            {
                position += symbol.Length;
                return true;
            }
            return false;
        }

        private void SkipSpace()
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }
        }

        private ExpressionException Error(string what) => new($"{what} at position {position + 1} of: {text}");
    }
}
