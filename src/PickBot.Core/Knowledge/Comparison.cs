using PickBot.Core.Text;

namespace PickBot.Core.Knowledge;

// The records below keep their prose as UTF-8 and their lists at exact size, and share identifiers through the
// knowledge base's pool (see KnowledgeBase): a library of 100,000 entries holds them all at once. Their public shape
// is what it was; a string property is decoded when read, which answers do for one entry at a time.

/// <summary>What one comparison says about one of its options.</summary>
public sealed record ComparisonSide(
    string OptionId,
    string UseWhen,
    IReadOnlyList<string> Pros,
    IReadOnlyList<string> Cons,
    IReadOnlyList<string> Examples,
    SourceLocation Location)
{
    // Fields of _prose: use-when, pros, cons, examples.
    private readonly Utf8Block _prose = Utf8Block.Of(Utf8Block.Text(UseWhen), Pros, Cons, Examples);
    private string _optionId = OptionId;

    public string OptionId { get => _optionId; init => _optionId = value; }

    public string UseWhen { get => _prose.TextOf(0); init => _prose = _prose.With(0, Utf8Block.Text(value)); }

    public IReadOnlyList<string> Pros { get => _prose.List(1); init => _prose = _prose.With(1, value); }

    public IReadOnlyList<string> Cons { get => _prose.List(2); init => _prose = _prose.With(2, value); }

    public IReadOnlyList<string> Examples { get => _prose.List(3); init => _prose = _prose.With(3, value); }

    internal void Share(StringPool strings) => _optionId = strings.Get(_optionId);
}

/// <summary>
/// A context-dependent verdict: when the question's context says one of <see cref="When"/>, pick <see cref="Pick"/>
/// because of <see cref="Because"/>.
/// </summary>
public sealed record VerdictRule(
    string Id,
    string Pick,
    IReadOnlyList<string> When,
    string Because,
    SourceLocation Location)
{
    // Fields of _prose: because, then the signals.
    private readonly Utf8Block _prose = Utf8Block.Of(Utf8Block.Text(Because), When);
    private string _id = Id;
    private string _pick = Pick;

    public string Id { get => _id; init => _id = value; }

    public string Pick { get => _pick; init => _pick = value; }

    public IReadOnlyList<string> When { get => _prose.List(1); init => _prose = _prose.With(1, value); }

    public string Because { get => _prose.TextOf(0); init => _prose = _prose.With(0, Utf8Block.Text(value)); }

    /// <summary>How many signals <see cref="When"/> lists, without a list to read it from.</summary>
    internal int WhenCount => _prose.Count(1);

    /// <summary>Signal <paramref name="index"/> of <see cref="When"/>, without a list to read it from.</summary>
    internal string WhenAt(int index) => _prose.Item(1, index);

    internal void Share(StringPool strings)
    {
        _id = strings.Get(_id);
        _pick = strings.Get(_pick);
    }
}

public sealed record Source(string Title, string Url)
{
    private readonly Utf8Block _text = Utf8Block.Of(Utf8Block.Text(Title), Utf8Block.Text(Url));

    public string Title { get => _text.TextOf(0); init => _text = _text.With(0, Utf8Block.Text(value)); }

    public string Url { get => _text.TextOf(1); init => _text = _text.With(1, Utf8Block.Text(value)); }
}

/// <summary>A comparison entry: two or more options, the default pick, and the rules that turn context into a pick.</summary>
public sealed record Comparison(
    string Id,
    string Title,
    string Area,
    IReadOnlyList<string> Tags,
    IReadOnlyList<ComparisonSide> Sides,
    string DefaultPick,
    string DefaultBecause,
    IReadOnlyList<VerdictRule> Rules,
    IReadOnlyList<Source> Sources,
    string Owner,
    DateOnly? Reviewed,
    SourceLocation Location)
{
    private readonly IReadOnlyList<ComparisonSide> _sides = ExactList.From(Sides);
    private readonly IReadOnlyList<VerdictRule> _rules = ExactList.From(Rules);
    private readonly IReadOnlyList<Source> _sources = ExactList.From(Sources);
    // Fields of _prose: title, default because.
    private readonly Utf8Block _prose = Utf8Block.Of(Utf8Block.Text(Title), Utf8Block.Text(DefaultBecause));
    private string _area = Area;
    private IReadOnlyList<string> _tags = ExactList.From(Tags);
    private string _defaultPick = DefaultPick;
    private string _owner = Owner;

    public string Area { get => _area; init => _area = value; }

    public IReadOnlyList<string> Tags { get => _tags; init => _tags = ExactList.From(value); }

    public IReadOnlyList<ComparisonSide> Sides { get => _sides; init => _sides = ExactList.From(value); }

    public string DefaultPick { get => _defaultPick; init => _defaultPick = value; }

    public string Title { get => _prose.TextOf(0); init => _prose = _prose.With(0, Utf8Block.Text(value)); }

    public string DefaultBecause { get => _prose.TextOf(1); init => _prose = _prose.With(1, Utf8Block.Text(value)); }

    public IReadOnlyList<VerdictRule> Rules { get => _rules; init => _rules = ExactList.From(value); }

    public IReadOnlyList<Source> Sources { get => _sources; init => _sources = ExactList.From(value); }

    public string Owner { get => _owner; init => _owner = value; }

    public IEnumerable<string> OptionIds => Sides.Select(s => s.OptionId);

    public ComparisonSide? Side(string optionId) => Sides.FirstOrDefault(s => s.OptionId == optionId);

    /// <summary>Replaces the identifiers this entry repeats (option ids, area, tags, owner, rule ids) with shared copies.</summary>
    internal void Share(StringPool strings)
    {
        _area = strings.Get(_area);
        _tags = ExactList.Share(_tags, strings);
        _defaultPick = strings.Get(_defaultPick);
        _owner = strings.Get(_owner);
        foreach (var side in _sides)
        {
            side.Share(strings);
        }

        foreach (var rule in _rules)
        {
            rule.Share(strings);
        }
    }
}
