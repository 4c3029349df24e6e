-- Run after an init file, with a plan open: waits for the mktplan server's
-- diagnostics and writes what the buffer got to $MKTPLAN_CLIENT_RESULT, one
-- `filetype`, `client` and `diagnostic <line> <code>` line each.
local out = assert(io.open(assert(os.getenv('MKTPLAN_CLIENT_RESULT')), 'w'))
local buf = vim.api.nvim_get_current_buf()
vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 100)
-- The server publishes all findings of a version at once; wait for a late second publish all the same.
vim.wait(1000)
out:write('filetype ' .. vim.bo[buf].filetype .. '\n')
local clients = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = buf }) or vim.lsp.buf_get_clients(buf)
for _, client in pairs(clients) do out:write('client ' .. client.name .. '\n') end
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?'
  out:write(string.format('diagnostic %d %s\n', d.lnum + 1, code))
end
out:close()
