// Prints one plain closing line ("jest: N passed, N failed") that CI systems can read,
// whatever the default reporter's layout.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const tail = skipped ? `, ${skipped} skipped` : '';
    process.stdout.write(
      `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed${tail}\n`,
    );
  }
}

module.exports = SummaryReporter;
