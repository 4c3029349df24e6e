-- mktplan in Neovim 0.10 or later.
vim.filetype.add({ pattern = { ['.*%.mktplan%.ya?ml'] = 'mktplan' } })
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'mktplan',
  callback = function(args)
    vim.bo[args.buf].syntax = 'yaml'
    vim.lsp.start({
      name = 'mktplan',
      cmd = { 'mktplan-language-server', '--stdio' },
      root_dir = vim.fs.root(args.buf, '.git') or vim.fs.dirname(vim.api.nvim_buf_get_name(args.buf)),
    }, { bufnr = args.buf })
  end,
})
