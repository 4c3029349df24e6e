-- mktplan in Neovim 0.7 to 0.9: *.mktplan.yaml and *.mktplan.yml files get the
-- filetype `mktplan` (highlighted as YAML) and the mktplan language server, one
-- server per repository (the folder that holds .git).
local group = vim.api.nvim_create_augroup('mktplan', { clear = true })
vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
  group = group,
  pattern = { '*.mktplan.yaml', '*.mktplan.yml' },
  command = 'set filetype=mktplan',
})
local clients = {}
vim.api.nvim_create_autocmd('FileType', {
  group = group,
  pattern = 'mktplan',
  callback = function(args)
    vim.bo[args.buf].syntax = 'yaml'
    local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':p:h')
    local git = vim.fn.finddir('.git', dir .. ';')
    if git == '' then git = vim.fn.findfile('.git', dir .. ';') end
    local root = git ~= '' and vim.fn.fnamemodify(git, ':p:h:h') or dir
    if not (clients[root] and vim.lsp.get_client_by_id(clients[root])) then
      clients[root] = vim.lsp.start_client({
        name = 'mktplan',
        cmd = { 'mktplan-language-server', '--stdio' },
        root_dir = root,
      })
    end
    vim.lsp.buf_attach_client(args.buf, clients[root])
  end,
})
