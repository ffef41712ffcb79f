// Tables as aligned text for the console, or as Markdown.

const plain = (cell) => cell.replaceAll('**', '');

export function asText(tables) {
  return tables
    .map(({ title, header, rows }) => {
      const all = [header, ...rows].map((row) => row.map(plain));
      const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
      const line = (row) =>
        row
          .map((cell, i) => cell.padEnd(widths[i]))
          .join('  ')
          .trimEnd();
      const rule = widths.map((w) => '─'.repeat(w)).join('  ');
      return [title, line(all[0]), rule, ...all.slice(1).map(line)].join('\n');
    })
    .join('\n\n');
}

const escape = (cell) => cell.replaceAll('|', '\\|');

export function asMarkdown(tables, level = '###') {
  return tables
    .map(({ title, header, rows }) =>
      [
        `${level} ${title}`,
        '',
        `| ${header.map(escape).join(' | ')} |`,
        `| ${header.map(() => '---').join(' | ')} |`,
        ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
      ].join('\n'),
    )
    .join('\n\n');
}
