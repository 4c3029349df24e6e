-- Runs init-0.10.lua on Neovim 0.7-0.9 for the test, with stand-ins for what
-- those versions lack: vim.fs.root, vim.fs.dirname and vim.lsp.start. It checks
-- the file's filetype pattern, autocommand and server settings; only a real
-- Neovim 0.10 checks the functions themselves.
vim.g.do_filetype_lua = 1 -- 0.7 uses vim.filetype.add only with this
vim.g.did_load_filetypes = 0
vim.fs = vim.fs or {}
vim.fs.dirname = vim.fs.dirname or function(path) return vim.fn.fnamemodify(path, ':h') end
vim.fs.root = vim.fs.root or function(buf, marker)
  local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ':p:h')
  local found = vim.fn.finddir(marker, dir .. ';')
  if found == '' then found = vim.fn.findfile(marker, dir .. ';') end
  if found ~= '' then return vim.fn.fnamemodify(found, ':p:h:h') end
end
if not vim.lsp.start then
  local started = {}
  vim.lsp.start = function(config, opts)
    assert(type(config.root_dir) == 'string', 'root_dir must be a folder')
    local key = config.name .. '\0' .. config.root_dir
    if not (started[key] and vim.lsp.get_client_by_id(started[key])) then started[key] = vim.lsp.start_client(config) end
    vim.lsp.buf_attach_client((opts and opts.bufnr) or 0, started[key])
    return started[key]
  end
end
dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h') .. '/init-0.10.lua')
