// Makes the entry point's class visible to WebApplicationFactory<Program> in the tests.
public partial class Program
{
}
