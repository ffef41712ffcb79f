/** The first-start message: where to go next, with a command to paste. */
export function welcomeText(input: {
  url: string;
  createdKey: string | undefined;
  aiProvider: string;
}): string {
  const key = input.createdKey ?? '<your API key>';
  const lines = [
    '',
    `FourthChat Relay is running at ${input.url}`,
    `  Connections page: ${input.url}/`,
    `  API reference:    ${input.url}/openapi.json`,
    `  AI provider:      ${input.aiProvider}`,
  ];
  if (input.createdKey) {
    lines.push(
      '',
      'A workspace was created. Its API key is shown this once; keep it somewhere safe:',
      `  ${input.createdKey}`,
    );
  }
  lines.push(
    '',
    'Next step: create a chatbot',
    `  curl -s -X POST ${input.url}/api/chatbots \\`,
    `    -H "Authorization: Bearer ${key}" -H "Content-Type: application/json" \\`,
    `    -d '{"name": "Support bot", "systemPrompt": "You are a friendly support agent."}'`,
    '',
  );
  return lines.join('\n');
}
