using System.Runtime.CompilerServices;

// Who may use Oxyde.Query's internal types: its consumers (Driver renders through SqlRenderer,
// Native hosts both) and the tests. This grants access in the allowed direction only; Query itself
// references nothing but Oxyde.Codec (dependency rule, DESIGN §1).
[assembly: InternalsVisibleTo("Oxyde.Driver")]
[assembly: InternalsVisibleTo("Oxyde.Native")]
[assembly: InternalsVisibleTo("Oxyde.Driver.Tests")]
[assembly: InternalsVisibleTo("Oxyde.Query.Tests")]
[assembly: InternalsVisibleTo("Oxyde.Driver.Tests")]
